/**
 * The region tree of the address picker (province → city → district). A compact list of
 * the main regions; the street goes into the free-text part.
 */
export interface Region {
  value: string;
  label: string;
  children?: Region[];
}

const leaf = (names: string[]): Region[] => names.map((n) => ({ value: n, label: n }));
const city = (name: string, districts: string[]): Region => ({
  value: name,
  label: name,
  children: leaf(districts),
});

export const REGIONS: Region[] = [
  {
    value: '北京市',
    label: '北京市',
    children: [city('北京市', ['东城区', '西城区', '朝阳区', '海淀区', '丰台区'])],
  },
  {
    value: '上海市',
    label: '上海市',
    children: [city('上海市', ['黄浦区', '徐汇区', '浦东新区', '静安区', '闵行区'])],
  },
  {
    value: '浙江省',
    label: '浙江省',
    children: [
      city('杭州市', ['上城区', '西湖区', '滨江区', '余杭区']),
      city('宁波市', ['海曙区', '鄞州区', '北仑区']),
    ],
  },
  {
    value: '广东省',
    label: '广东省',
    children: [
      city('广州市', ['天河区', '越秀区', '海珠区']),
      city('深圳市', ['南山区', '福田区', '宝安区']),
    ],
  },
  {
    value: '江苏省',
    label: '江苏省',
    children: [
      city('南京市', ['玄武区', '鼓楼区', '建邺区']),
      city('苏州市', ['姑苏区', '工业园区', '吴中区']),
    ],
  },
  { value: '四川省', label: '四川省', children: [city('成都市', ['锦江区', '武侯区', '高新区'])] },
];
