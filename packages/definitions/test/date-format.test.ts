import { ajv } from '../src/validation/ajv.instance';

// The `date` format names real calendar days; checked against Date.UTC's calendar.
const isDate = ajv.compile({ type: 'string', format: 'date' });

function reference(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('the date format', () => {
  const years = [0, 4, 99, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999];
  const days: string[] = [];
  for (const year of years)
    for (let month = 0; month <= 13; month++)
      for (let day = 0; day <= 32; day++)
        days.push(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);

  it('accepts exactly the days of the calendar', () => {
    const differing = days.filter((d) => isDate(d) !== reference(d));
    expect(differing).toEqual([]);
    expect(days.filter((d) => isDate(d))).toHaveLength(years.length * 365 + 5);
  });

  it.each([
    '2024-2-01',
    '2024-02-1',
    '24-02-01',
    '2024/02/01',
    '2024-02-01 ',
    ' 2024-02-01',
    '2024-02-01\n',
    '2024-0a-01',
    '２０２４-02-01',
    '+2024-02-01',
    '2024-02-01T00:00:00Z',
    '',
  ])('refuses %j', (value) => {
    expect(isDate(value)).toBe(false);
    expect(reference(value)).toBe(false);
  });
});
