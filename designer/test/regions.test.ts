import divisions from '../src/form/widgets/china-regions.json';
import { regionTree, type Region } from '../src/form/widgets/regions';

// The address picker's tree: every province of China with its cities and districts.

const tree = regionTree(divisions);
const find = (list: Region[] | undefined, name: string) => list?.find((r) => r.value === name);

it('holds the 31 provinces of the mainland and Hong Kong, Macao and Taiwan', () => {
  expect(tree).toHaveLength(34);
  for (const name of ['北京市', '广东省', '新疆维吾尔自治区', '香港特别行政区', '台湾省'])
    expect(find(tree, name)).toBeDefined();
});

it('goes province → city → district, every district a leaf', () => {
  const xihu = find(find(find(tree, '浙江省')?.children, '杭州市')?.children, '西湖区');
  expect(xihu).toEqual({ value: '西湖区', label: '西湖区' });
  const cities = tree.flatMap((p) => p.children ?? []);
  const districts = cities.flatMap((c) => c.children ?? []);
  expect(cities.length).toBeGreaterThan(340);
  expect(districts.length).toBeGreaterThan(3000);
  expect(districts.every((d) => d.children === undefined && d.label === d.value)).toBe(true);
});
