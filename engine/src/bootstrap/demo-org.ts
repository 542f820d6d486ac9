/** The demo organisation (demo mode only; documented in the README). Password: `demo`. */
export const DEMO_PASSWORD = 'demo';

export interface DemoDepartment {
  key: string;
  name: string;
  parent: string | null;
  head: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  department: string;
  roles: string[];
  isAdmin: boolean;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { key: 'hq', name: '总部 Headquarters', parent: null, head: 'director1' },
  { key: 'sales', name: '销售部 Sales', parent: 'hq', head: 'manager1' },
  { key: 'sales_south', name: '华南销售部 Sales South', parent: 'hq', head: 'manager2' },
  { key: 'service', name: '售后服务部 Service', parent: 'hq', head: 'servicemgr1' },
];

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '管理员 Admin', department: 'hq', roles: [], isAdmin: true },
  {
    username: 'director1',
    displayName: '赵总监 Director Zhao',
    department: 'hq',
    roles: ['sales_director'],
    isAdmin: false,
  },
  {
    username: 'manager1',
    displayName: '钱经理 Manager Qian',
    department: 'sales',
    roles: ['sales_manager'],
    isAdmin: false,
  },
  {
    username: 'rep1',
    displayName: '孙销售 Rep Sun',
    department: 'sales',
    roles: ['sales_rep'],
    isAdmin: false,
  },
  {
    username: 'rep2',
    displayName: '李销售 Rep Li',
    department: 'sales',
    roles: ['sales_rep'],
    isAdmin: false,
  },
  {
    username: 'legal1',
    displayName: '周法务 Legal Zhou',
    department: 'hq',
    roles: ['legal'],
    isAdmin: false,
  },
  {
    username: 'legal2',
    displayName: '郑法务 Legal Zheng',
    department: 'hq',
    roles: ['legal'],
    isAdmin: false,
  },
  {
    username: 'finance1',
    displayName: '吴财务 Finance Wu',
    department: 'hq',
    roles: ['finance'],
    isAdmin: false,
  },
  {
    username: 'manager2',
    displayName: '冯经理 Manager Feng',
    department: 'sales_south',
    roles: ['sales_manager'],
    isAdmin: false,
  },
  {
    username: 'rep3',
    displayName: '陈销售 Rep Chen',
    department: 'sales_south',
    roles: ['sales_rep'],
    isAdmin: false,
  },
  {
    username: 'rep4',
    displayName: 'Emma Wilson',
    department: 'sales_south',
    roles: ['sales_rep'],
    isAdmin: false,
  },
  {
    username: 'servicemgr1',
    displayName: '何主管 Service Lead He',
    department: 'service',
    roles: ['service_manager'],
    isAdmin: false,
  },
  {
    username: 'service1',
    displayName: '林售后 Service Lin',
    department: 'service',
    roles: ['service'],
    isAdmin: false,
  },
  {
    username: 'service2',
    displayName: 'Tom Baker',
    department: 'service',
    roles: ['service'],
    isAdmin: false,
  },
];
