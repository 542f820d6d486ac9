/** Name pools for the CRM sample data: Chinese and English companies and people. */

export const CN_COMPANY_CITIES = ['杭州', '上海', '北京', '深圳', '广州', '成都', '南京', '苏州', '武汉', '西安', '厦门', '天津'];
export const CN_COMPANY_CORES = ['云帆', '华信', '启明', '博远', '中科', '鼎盛', '恒通', '蓝海', '东方', '星河', '瑞达', '金桥', '新元', '天成', '锦程', '汇智'];
export const CN_COMPANY_KINDS = ['科技有限公司', '贸易有限公司', '制造股份有限公司', '物流有限公司', '医疗器械有限公司', '信息技术有限公司', '餐饮管理有限公司', '教育科技有限公司'];

export const EN_COMPANY_CORES = ['Harbor', 'Summit', 'Bluewave', 'Northstar', 'Evergreen', 'Pioneer', 'Silverline', 'Redwood', 'Lighthouse', 'Crestview', 'Ironbridge', 'Oakridge'];
export const EN_COMPANY_KINDS = ['Logistics', 'Trading Co.', 'Technologies', 'Manufacturing', 'Healthcare', 'Foods Ltd.', 'Consulting', 'Retail Group'];

export const CN_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const CN_GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '丽', '强', '婷', '志远', '晓峰', '雨桐', '子涵'];

export const EN_FIRST = ['James', 'Olivia', 'Liam', 'Sophia', 'Noah', 'Ava', 'Ethan', 'Mia', 'Lucas', 'Grace', 'Henry', 'Chloe', 'Daniel', 'Emily', 'Jack', 'Lily'];
export const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Walker', 'Clark', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Adams', 'Turner'];

export const CN_TITLES = ['总经理', '采购经理', 'IT 总监', '财务总监', '运营经理', '行政主管', '销售总监'];
export const EN_TITLES = ['CEO', 'Purchasing Manager', 'IT Director', 'CFO', 'Operations Manager', 'Office Manager'];

export const PRODUCTS: { zh: string; en: string; price: number }[] = [
  { zh: 'CRM 专业版 年订阅', en: 'CRM Professional, 1 year', price: 1200 },
  { zh: 'CRM 企业版 年订阅', en: 'CRM Enterprise, 1 year', price: 1800 },
  { zh: '实施服务（人天）', en: 'Implementation (person-day)', price: 3000 },
  { zh: '数据迁移', en: 'Data migration', price: 20000 },
  { zh: '培训服务', en: 'Training', price: 5000 },
  { zh: '移动端插件', en: 'Mobile add-on', price: 300 },
];

export const FOLLOWUP_CONTENT_ZH = [
  '电话沟通了需求，客户关注报表和移动端。',
  '上门拜访，演示了线索与商机管理流程。',
  '微信发送了产品资料和报价说明。',
  '客户反馈预算在走审批，下周再联系。',
  '与 IT 负责人确认了数据迁移方案。',
  '参加客户内部评审会，回答了安全合规问题。',
  '客户询问续费优惠，已转达经理。',
  '回访使用情况，客户对审批流满意。',
];
export const FOLLOWUP_CONTENT_EN = [
  'Call about requirements; they care about reports and the mobile app.',
  'On-site visit; demoed the lead and opportunity pipeline.',
  'Sent the product deck and the pricing notes by email.',
  'Budget is in approval on their side; follow up next week.',
  'Agreed the data migration plan with their IT lead.',
  'Joined their internal review; answered security questions.',
  'They asked about a renewal discount; passed to the manager.',
  'Usage check-in; they like the approval flows.',
];

export const TICKET_TITLES_ZH = ['登录后报表加载缓慢', '导入客户时报错', '审批通知未收到', '需要新增两个账号', '移动端无法上传附件', '合同模板打印格式错乱', '咨询回款计划设置方法', '对响应速度不满意'];
export const TICKET_TITLES_EN = ['Reports load slowly after login', 'Error when importing customers', 'Approval notifications not received', 'Need two more seats', 'Mobile app cannot upload files', 'Contract print layout broken', 'How to set up payment plans', 'Unhappy with the response time'];
