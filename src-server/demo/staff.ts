// The demo company's organisation: departments and about 40 staff with a supervisor chain.
// Staff are fixed (not seeded) so demo logins and tests can name people; customers are seeded.

export type TagdeskRole = 'sales' | 'service' | 'supervisor' | 'admin';

export interface DemoDepartment {
  id: number;
  name: string;
  name_en: string;
  parentid: number;
  order: number;
  department_leader: string[];
}

export interface DemoStaff {
  userid: string;
  name: string;
  department: number;
  position: string;
  /** Tagdesk's role: seed metadata for the team server, not a WeCom field. */
  role: TagdeskRole;
  /** The userid of the direct leader (WeCom's direct_leader), if any. */
  leader?: string;
  /** Has WeCom's customer-contact feature (appears in get_follow_user_list). */
  customerContact: boolean;
  /** Relative share of the company's customers this person follows. */
  customerShare: number;
  /** A resigned member: gone from the directory, customers wait in get_unassigned_list. */
  resigned?: { dimissionTime: number };
}

export const ROOT_DEPARTMENT_ID = 1;

export const DEPARTMENTS: readonly DemoDepartment[] = [
  { id: 1, name: '星河智能家居有限公司', name_en: 'Xinghe Smart Home', parentid: 0, order: 100000000, department_leader: ['zhouwei'] },
  { id: 2, name: '销售中心', name_en: 'Sales', parentid: 1, order: 99999000, department_leader: ['wangqiang'] },
  { id: 3, name: '销售一部', name_en: 'Sales 1', parentid: 2, order: 99998000, department_leader: ['chenjing'] },
  { id: 4, name: '销售二部', name_en: 'Sales 2', parentid: 2, order: 99997000, department_leader: ['yangfan'] },
  { id: 5, name: '客服部', name_en: 'Service', parentid: 1, order: 99996000, department_leader: ['dengli'] },
  { id: 6, name: '市场部', name_en: 'Marketing', parentid: 1, order: 99995000, department_leader: ['panwen'] },
  { id: 7, name: '采购部', name_en: 'Purchasing', parentid: 1, order: 99994000, department_leader: ['duwei'] },
  { id: 8, name: '总经办', name_en: 'General Office', parentid: 1, order: 99993000, department_leader: ['zhouwei'] },
];

const sales = (userid: string, name: string, department: number, leader: string): DemoStaff =>
  ({ userid, name, department, position: '销售顾问', role: 'sales', leader, customerContact: true, customerShare: 1 });
const service = (userid: string, name: string, leader: string): DemoStaff =>
  ({ userid, name, department: 5, position: '客服专员', role: 'service', leader, customerContact: true, customerShare: 0.6 });

// 2026-01-01T00:00:00+08:00: the demo's "now" for resignation dates, independent of the wall clock.
export const DEMO_EPOCH = 1767196800;

export const STAFF: readonly DemoStaff[] = [
  { userid: 'zhouwei', name: '周伟', department: 8, position: '总经理', role: 'admin', customerContact: false, customerShare: 0 },
  { userid: 'linxue', name: '林雪', department: 8, position: '运营管理员', role: 'admin', leader: 'zhouwei', customerContact: false, customerShare: 0 },
  { userid: 'wangqiang', name: '王强', department: 2, position: '销售总监', role: 'supervisor', leader: 'zhouwei', customerContact: true, customerShare: 0.2 },
  { userid: 'chenjing', name: '陈静', department: 3, position: '销售一部主管', role: 'supervisor', leader: 'wangqiang', customerContact: true, customerShare: 0.4 },
  ...[['liuyang', '刘洋'], ['zhaolei', '赵磊'], ['sunli', '孙丽'], ['huangmin', '黄敏'], ['zhoujie', '周杰'], ['wuhao', '吴昊'],
    ['zhengshuang', '郑爽'], ['heyu', '何雨'], ['guotao', '郭涛'], ['luoqian', '罗倩'], ['sujian', '苏健']]
    .map(([u, n]) => sales(u!, n!, 3, 'chenjing')),
  { userid: 'yangfan', name: '杨帆', department: 4, position: '销售二部主管', role: 'supervisor', leader: 'wangqiang', customerContact: true, customerShare: 0.4 },
  ...[['xuming', '徐明'], ['majun', '马骏'], ['zhuting', '朱婷'], ['hulin', '胡琳'], ['gaopeng', '高鹏'], ['lianghui', '梁慧'],
    ['xieyu', '谢宇'], ['songjia', '宋佳'], ['tangkai', '唐凯'], ['hanmei', '韩梅']]
    .map(([u, n]) => sales(u!, n!, 4, 'yangfan')),
  { userid: 'dengli', name: '邓丽', department: 5, position: '客服主管', role: 'supervisor', leader: 'zhouwei', customerContact: true, customerShare: 0.3 },
  ...[['caoyan', '曹燕'], ['pengbo', '彭博'], ['zengxin', '曾欣'], ['xiaoya', '肖雅'], ['tianyu', '田雨'], ['dongna', '董娜'], ['yuanhao', '袁浩'], ['luna', '卢娜']]
    .map(([u, n]) => service(u!, n!, 'dengli')),
  { userid: 'panwen', name: '潘文', department: 6, position: '市场部经理', role: 'supervisor', leader: 'zhouwei', customerContact: true, customerShare: 0.15 },
  { userid: 'jiangtao', name: '蒋涛', department: 6, position: '市场专员', role: 'sales', leader: 'panwen', customerContact: true, customerShare: 0.2 },
  { userid: 'caiqing', name: '蔡晴', department: 6, position: '渠道专员', role: 'sales', leader: 'panwen', customerContact: true, customerShare: 0.2 },
  { userid: 'duwei', name: '杜威', department: 7, position: '采购主管', role: 'supervisor', leader: 'zhouwei', customerContact: true, customerShare: 0.1 },
  { userid: 'yeping', name: '叶萍', department: 7, position: '采购专员', role: 'sales', leader: 'duwei', customerContact: true, customerShare: 0.15 },
  { ...sales('lixiaolong', '李晓龙', 3, 'chenjing'), customerShare: 0.8, resigned: { dimissionTime: DEMO_EPOCH - 20 * 86400 } },
  { ...sales('wangfang', '王芳', 4, 'yangfan'), customerShare: 0.8, resigned: { dimissionTime: DEMO_EPOCH - 45 * 86400 } },
];

/** Staff who stay in touch with partner companies' WeCom users (suppliers, agencies). */
export const PARTNER_CONTACT_OWNERS = ['duwei', 'yeping', 'panwen', 'jiangtao', 'caiqing'] as const;
