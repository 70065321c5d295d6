// Staff stop trusting a linter that cries wolf: ordinary business tag names and notes must
// lint clean. Every reported false positive gets added here.
import { describe, expect, it } from 'vitest';
import { defaultLinter } from '../../../src-shared/compliance/index';

const linter = defaultLinter([], { now: () => new Date('2026-11-22T08:00:00Z') });

const BUSINESS_TAGS = [
  '付费客户', '抖音广告-北京', '高净值客户', '华东区域', '意向强烈', '周五回访', 'VIP客户', '老客户转介绍',
  '渠道来源-抖音', '渠道来源-小红书', '客户阶段-已成交', '客户阶段-待跟进', '产品偏好-混动', '价值等级-A类',
  '地域-佛山', '地域-上海浦东', '已加企业微信', '微信群已建', '已发报价单', '已开发票', '发票已寄出',
  '健康险意向', '重疾险客户', '医疗器械采购', '指纹锁意向', '人脸识别门禁采购', '残联采购项目', '无障碍设施',
  '价格敏感', '预算有限', '预算3万', '采购金额50万', '约下周三到店', '客户在杭州', '北京客户', '朝阳区门店',
  '第3次拜访', '2026年续约', '单价1999元', '双11活动', '618大促', '拉拉队赞助', '圣诞节活动', '清真饮食',
  '需预付款', '已婚', '家庭客户', '有儿童教育需求', '孩子已上大学', '生日-3月', '车主-SUV', '已实名核验',
  '地铁2号线沿线', '3号展厅', '资产管理公司', '理财顾问', '征信查询业务咨询', '反洗钱培训', 'USB采购',
  '【重点】客户', 'A类客户(华东)', 'B2B客户', '企业版-年付', '试用中', '流失预警', '沉睡客户-90天',
  // Words that contain a sensitive term by accident (中风 in 中风险, 低保 in 低保费, 小三 in 小三居…).
  '首付30%', '北京朝阳', '1号店', '3楼', 'A座',
  '中风险客户', '低保费方案', '相信教育', '老东西回收', '小三居户型', '透析客户需求', '医院住院部采购', '反赌博宣传',
];

const BUSINESS_NOTES = [
  '客户对价格比较敏感，希望下周三再约一次试驾，关注安全配置和后排空间。',
  '已发送报价单，等待对方采购部审批，预计月底签约，采购金额50万左右。',
  '客户在佛山开了三家门店，想了解我们的会员系统和营销工具。',
  '上次拜访时客户提到想给门店装指纹锁和人脸识别门禁，已推荐合作伙伴。',
  '客户是残联采购项目的负责人，关注无障碍设施的交付周期。',
  '约了周六上午到店详谈，记得带上金融方案和置换政策。',
];

describe('ordinary business wording lints clean', () => {
  it.each(BUSINESS_TAGS)('tag "%s" is ok', (tag) => {
    const r = linter.lint(tag, { field: 'tag' });
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('ok');
  });

  it.each(BUSINESS_NOTES)('note "%s" is ok', (note) => {
    expect(linter.lint(note, { field: 'note' }).findings).toEqual([]);
  });
});
