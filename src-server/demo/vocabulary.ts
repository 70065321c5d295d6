// The words the demo company is made of: surnames, given-name characters, the tag catalog,
// partner companies. Plain data, kept apart from the generator so both stay readable.

/** Surnames with rough frequency weights (the common ones dominate, as in real life). */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 24], ['赵', 22], ['吴', 21], ['周', 20],
  ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 11], ['高', 10], ['林', 10], ['罗', 10],
  ['郑', 9], ['梁', 9], ['谢', 8], ['宋', 8], ['唐', 7], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 6],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 5], ['董', 5], ['袁', 5], ['潘', 5], ['于', 5], ['蒋', 5], ['蔡', 5],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4], ['任', 4], ['沈', 4],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
  ['欧阳', 1], ['司马', 0.3], ['上官', 0.3], ['诸葛', 0.2],
];

export const GIVEN_CHARS =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁琳晨欣怡梓涵子轩雨桐思远嘉怡佳琪文博一诺浩然';

export const POSITIONS_PARTNER = ['采购经理', '销售总监', '商务专员', '市场经理', '总经理', '运营主管', '项目经理', '渠道经理'] as const;

/** Partner companies whose staff are WeCom users (type 2 contacts): suppliers and agencies. */
export const PARTNER_CORPS: readonly { short: string; full: string }[] = [
  { short: '鑫达物流', full: '上海鑫达物流有限公司' },
  { short: '蓝海广告', full: '杭州蓝海广告传媒有限公司' },
  { short: '恒信电子', full: '深圳恒信电子科技有限公司' },
  { short: '华美包装', full: '苏州华美包装材料有限公司' },
  { short: '远航供应链', full: '广州远航供应链管理有限公司' },
  { short: '智联代理', full: '成都智联商贸代理有限公司' },
  { short: '瑞丰塑胶', full: '东莞瑞丰塑胶制品有限公司' },
  { short: '启明会展', full: '北京启明会展服务有限公司' },
];

export const CITIES: readonly { city: string; region: string; weight: number }[] = [
  { city: '上海', region: '华东', weight: 14 }, { city: '杭州', region: '华东', weight: 8 }, { city: '南京', region: '华东', weight: 6 },
  { city: '苏州', region: '华东', weight: 6 }, { city: '北京', region: '华北', weight: 11 }, { city: '天津', region: '华北', weight: 3 },
  { city: '广州', region: '华南', weight: 9 }, { city: '深圳', region: '华南', weight: 10 }, { city: '武汉', region: '华中', weight: 4 },
  { city: '成都', region: '西南', weight: 5 }, { city: '重庆', region: '西南', weight: 4 }, { city: '西安', region: '西北', weight: 3 },
  { city: '沈阳', region: '东北', weight: 2 }, { city: '长沙', region: '华中', weight: 3 }, { city: '厦门', region: '华东', weight: 2 },
];

export const MOBILE_PREFIXES = ['138', '139', '137', '136', '135', '150', '151', '152', '158', '159', '182', '187', '188', '186', '189', '130', '131', '132', '155', '156', '185', '133', '153', '180', '181', '177', '199'] as const;

export const DESCRIPTIONS = [
  '对接采购事务', '关注新品价格', '老客户，复购频繁', '需要定期回访', '对售后比较在意', '展会上认识的',
  '朋友介绍', '决策人，预算充足', '比价中，犹豫', '希望上门安装', '企业批量采购', '只在周末回复消息',
] as const;

export const REMARK_SUFFIXES = ['总', '经理', '老师', '女士', '先生', '姐', '哥'] as const;

/** Who created a tag group: Tagdesk's own app (editable by it) or the WeCom admin console (read-only to the app). */
export type TagGroupOrigin = 'app' | 'admin_console';

export interface CatalogGroup {
  name: string;
  origin: TagGroupOrigin;
  tags: readonly string[];
  /** How many tags of this group a typical relation carries: [min, max]. */
  perRelation: readonly [number, number];
  /** Zipf exponent for which tags get picked (0 = uniform). */
  skew: number;
}

/** The ~120-tag enterprise catalog. Regions, customer types, industries and membership come "from the admin console". */
export const TAG_CATALOG: readonly CatalogGroup[] = [
  { name: '客户阶段', origin: 'app', perRelation: [1, 1], skew: 0.7, tags: ['潜在客户', '初次接触', '需求确认', '方案报价', '商务谈判', '已成交', '复购客户', '流失预警', '已流失'] },
  { name: '渠道来源', origin: 'app', perRelation: [1, 1], skew: 1.1, tags: ['老客户转介绍', '官网咨询', '展会', '电话营销', '抖音', '小红书', '微信公众号', '线下门店', '合作伙伴推荐', '百度推广', '朋友圈广告', '地推活动'] },
  { name: '产品偏好', origin: 'app', perRelation: [0, 3], skew: 0.9, tags: ['智能门锁', '扫地机器人', '空气净化器', '净水器', '智能音箱', '投影仪', '电动牙刷', '按摩椅', '咖啡机', '洗地机', '智能手表', '蓝牙耳机', '厨房小家电', '个护美容', '母婴用品'] },
  { name: '价值等级', origin: 'app', perRelation: [1, 1], skew: 0, tags: ['VIP', '高净值客户', 'A类客户', 'B类客户', 'C类客户', '普通客户'] },
  { name: '地域', origin: 'admin_console', perRelation: [1, 2], skew: 0, tags: ['华东', '华南', '华北', '华中', '西南', '西北', '东北', '海外', '北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京', '苏州', '重庆', '西安', '天津'] },
  { name: '服务偏好', origin: 'app', perRelation: [0, 2], skew: 0.6, tags: ['偏好微信沟通', '偏好电话沟通', '工作日联系', '周末联系', '上午联系', '晚间联系', '勿频繁打扰', '需要发票', '需上门安装', '价格敏感', '注重售后'] },
  { name: '客户类型', origin: 'admin_console', perRelation: [1, 1], skew: 1.3, tags: ['个人客户', '企业客户', '经销商', '代理商', '供应商', '政府机构', '学校'] },
  { name: '购买意向', origin: 'app', perRelation: [0, 1], skew: 0.5, tags: ['高意向', '中意向', '低意向', '观望中'] },
  { name: '行业', origin: 'admin_console', perRelation: [0, 1], skew: 0.8, tags: ['零售', '制造业', '互联网', '教育', '医疗', '金融', '房地产', '餐饮', '物流', '政府'] },
  { name: '活动参与', origin: 'app', perRelation: [0, 2], skew: 1, tags: ['双十一活动', '618活动', '年货节', '新品试用', '会员日', '直播间下单', '抽奖活动'] },
  { name: '售后状态', origin: 'app', perRelation: [0, 1], skew: 1, tags: ['待回访', '已回访', '投诉处理中', '投诉已解决', '退换货', '维修中'] },
  { name: '会员等级', origin: 'admin_console', perRelation: [0, 1], skew: 1.2, tags: ['普通会员', '银卡会员', '金卡会员', '钻石会员'] },
  { name: '生命周期', origin: 'app', perRelation: [0, 1], skew: 0.8, tags: ['新客', '活跃', '沉默', '唤醒'] },
  { name: '年龄段', origin: 'app', perRelation: [0, 1], skew: 0.3, tags: ['90后', '80后', '00后', '70后', '60后'] },
];

/** Value levels are a pyramid, not Zipf: few VIPs, many ordinary customers. */
export const VALUE_LEVEL_WEIGHTS = [2, 3, 10, 20, 30, 35] as const;
