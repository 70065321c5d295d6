// Every category the linter knows, with texts a salesperson might type that must and must not
// trigger it (the reference's rule-category table plus our own cases). A note is used so the
// identifier rules are not masked by the stricter tag naming rules.
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, defaultLinter, type CategoryId, type Field } from '../../../src-shared/compliance/index';

const linter = defaultLinter([], { now: () => new Date('2026-11-22T08:00:00Z') });
const categoriesOf = (text: string, field: Field = 'note') => linter.lint(text, { field }).findings.map((f) => f.category);

interface Case {
  category: CategoryId;
  must: string[];
  mustNot: string[];
  field?: Field;
}

const CASES: Case[] = [
  { category: 'pii.id_cn', must: ['身份证11010519491231002X', '证件 110105 19491231 002x', '客户身份证号是11010519491231002x。'], mustNot: ['110101199003077578', '合同号440304198506151238', '身份证已核验'] },
  { category: 'pii.mobile_cn', must: ['13812345678', '138-1234-5678', '+86 138 1234 5678', '电话：15900001111'], mustNot: ['12345678901', '单号613812345678901', '400-820-8820'] },
  { category: 'pii.bank_card', must: ['卡号6222021234567890128', '6222 0212 3456 7890 128'], mustNot: ['6222021234567890123', '订单1234567890123456', '已绑定银行卡'] },
  { category: 'fin.account_no', must: ['对方账号 8234567890123', '收款账号：1234 5678 9012'], mustNot: ['账号已开通', '户号待确认'] },
  { category: 'fin.credential', must: ['支付宝密码123456', '验证码 845721', 'CVV 123'], mustNot: ['支付宝付款', '已开户', '验证码已发送'] },
  { category: 'pii.passport', must: ['护照号E12345678', '护照：EA1234567', '港澳通行证 C12345678'], mustNot: ['护照已办好', 'EI1234567 护照'] },
  { category: 'pii.email', must: ['zhang.san@163.com', '邮箱 li_si@company.com.cn'], mustNot: ['@张三 跟进', '邮件已发'] },
  { category: 'pii.im_account', must: ['vx: abc_123456', '薇信 zhangsan88', 'QQ 903013545', '加微信：wang_lei2024'], mustNot: ['微信群已建', 'QQ邮箱登录', '已加微信'] },
  { category: 'pii.plate', must: ['京A12345', '粤B·D12345', '沪AD12345'], mustNot: ['京A1234', '京东物流', '粤港澳大湾区'] },
  { category: 'pii.address_precise', must: ['住朝阳区建国路88号', '万科城3栋2单元1801', '阳光小区5号楼302室'], mustNot: ['北京客户', '朝阳区门店', '第3次拜访', '地铁2号线沿线'] },
  { category: 'pii.dob', must: ['1990年3月7日出生', '生日：1990-03-07', '出生于一九九〇年三月七日'], mustNot: ['2024年3月7日签约', '3月7日回访', '生日3月7日'] },
  { category: 'pii.long_number', must: ['备注 82345678901', '编号 12345678'], mustNot: ['2026年', '单价1999元', '1234567'] },
  { category: 'pii.body_features', must: ['身高180', '有点秃顶', '体重偏重'], mustNot: ['体重秤采购', '身高体重秤', '地中海风格装修'] },
  { category: 'fin.income_asset', must: ['年收入百万', '月薪3万', '存款500w', '身家过亿', '名下两套房', '年薪五十万'], mustNot: ['预算3万', '采购金额50万', '资产管理公司', '工资3号发'] },
  { category: 'spi.health', must: ['患有乙肝', '怀孕5个月', '抑郁症', '确诊糖尿病'], mustNot: ['一杆进洞', '健康险意向', '医疗器械采购', '重疾险客户'] },
  { category: 'spi.biometric', must: ['指纹已录入', '人脸照片已存', '基因检测报告'], mustNot: ['指纹锁意向', '人脸识别门禁采购'] },
  { category: 'spi.religion', must: ['信佛', '基督徒', '穆斯林'], mustNot: ['佛山客户', '圣诞节活动', '清真饮食'] },
  { category: 'spi.specific_identity', must: ['残疾人', '聋哑', '低保户'], mustNot: ['残联采购项目', '无障碍设施', '需无障碍通道'] },
  { category: 'spi.sexual_orientation', must: ['同性恋', '是gay'], mustNot: ['拉拉队赞助', 'sales团队', 'legacy客户'] },
  { category: 'spi.criminal_record', must: ['有案底', '坐过牢', '有前科'], mustNot: ['已签约', '案例分享会'] },
  { category: 'spi.credit_record', must: ['征信黑名单', '老赖', '信用卡逾期'], mustNot: ['征信查询业务咨询', '信用卡客户'] },
  { category: 'spi.marital_history', must: ['二婚', '离异带娃'], mustNot: ['已婚', '婚庆需求'] },
  { category: 'spi.whereabouts', must: ['每周三晚8点在万达健身', '住希尔顿酒店1208房', '坐标 39.9087,116.3975'], mustNot: ['约下周三到店', '客户在杭州', '每周三回访'] },
  { category: 'spi.minor_u14', must: ['女儿8岁读二年级', '孩子上幼儿园', '儿子2015年出生', '有个5岁的女儿'], mustNot: ['孩子已上大学', '儿子18岁', '有儿童教育需求'] },
  { category: 'content.illegal', must: ['代开发票', '可以办假证', '网赌'], mustNot: ['已开发票', '发票已寄出', '反洗钱培训'] },
  { category: 'content.abusive', must: ['穷鬼', '傻X', '死胖子', '垃圾客户'], mustNot: ['预算有限', '价格敏感', 'USB采购'] },
  { category: 'naming.length', field: 'tag', must: ['这是一个非常非常长的标签名称已经超过了企业微信允许的三十个字符限制'], mustNot: ['意向客户-高', '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十'] },
  { category: 'naming.charset', field: 'tag', must: ['渠道来源:抖音', 'VIP客户😀', '意向<高>'], mustNot: ['渠道来源-抖音', '【重点】客户', 'A类客户(华东)'] },
];

describe('every category triggers on what it should and stays quiet otherwise', () => {
  it('covers every category except admin-defined wording', () => {
    const covered = new Set(CASES.map((c) => c.category));
    expect(CATEGORY_IDS.filter((id) => !covered.has(id))).toEqual(['policy.wording']);
  });

  for (const c of CASES) {
    describe(c.category, () => {
      it.each(c.must)('flags %s', (text) => {
        expect(categoriesOf(text, c.field)).toContain(c.category);
      });
      it.each(c.mustNot)('does not flag %s', (text) => {
        expect(categoriesOf(text, c.field)).not.toContain(c.category);
      });
    });
  }
});

describe('actions follow the rule pack per field', () => {
  const action = (text: string, field: Field) => linter.lint(text, { field }).findings[0]?.action;

  it('blocks an ID number wherever it is typed', () => {
    expect(action('11010519491231002X', 'tag')).toBe('block');
    expect(action('11010519491231002X', 'note')).toBe('block');
  });

  it('blocks a phone in a tag name but offers a masked replacement in a note', () => {
    const note = linter.lint('回访电话13812345678', { field: 'note' });
    expect(note.verdict).toBe('replace');
    expect(note.findings[0]).toMatchObject({ category: 'pii.mobile_cn', action: 'replace', replacement: '138****5678', span: { start: 4, end: 15 } });
    expect(linter.lint('回访电话13812345678', { field: 'tag' }).verdict).toBe('block');
  });

  it('asks for approval for health information and says why in Chinese', () => {
    const r = linter.lint('客户患有糖尿病', { field: 'note' });
    expect(r.verdict).toBe('approval');
    expect(r.findings[0]!.message).toContain('审批');
    expect(r.findings[0]!.legalBasis).toContain('PIPL 第28条 医疗健康');
    expect(r.findings[0]!.packVersion).toBe('tagdesk-default@1.0.0');
  });

  it('is stricter on tag names than on notes for e-mail and marital history', () => {
    expect(action('zhang.san@163.com', 'tag')).toBe('block');
    expect(action('zhang.san@163.com', 'note')).toBe('warn');
    expect(action('二婚', 'tag')).toBe('approval');
    expect(action('二婚', 'note')).toBe('warn');
  });

  it('offers an approved wording for insults and a tier tag for income', () => {
    expect(linter.lint('穷鬼', { field: 'tag' }).findings[0]).toMatchObject({ action: 'replace', replacement: '预算有限' });
    const income = linter.lint('月薪3万', { field: 'note' }).findings[0]!;
    expect(income).toMatchObject({ action: 'replace', replacement: '高净值客户' });
    expect(income.message).toContain('高净值客户');
  });

  it('cuts a precise address down to the district', () => {
    expect(linter.lint('住朝阳区建国路88号', { field: 'note' }).findings[0]).toMatchObject({ action: 'replace', replacement: '朝阳区', span: { start: 1, end: 10 } });
  });

  it('only warns about a card-shaped number without a card word or prefix', () => {
    // 16 Luhn-valid digits, no card prefix, no context word.
    const r = linter.lint('编号 1234567812345670', { field: 'note' });
    expect(r.findings).toEqual([expect.objectContaining({ category: 'pii.bank_card', action: 'warn' })]);
  });

  it('reports the strictest action as the verdict', () => {
    const r = linter.lint('二婚，身份证11010519491231002X', { field: 'note' });
    expect(r.findings.map((f) => f.action).sort()).toEqual(['block', 'warn']);
    expect(r.verdict).toBe('block');
  });
});
