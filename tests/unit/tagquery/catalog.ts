// A slice of the demo catalog: the groups a salesperson filters by.
import type { TagGroup } from '../../../src-shared/domain';

const group = (id: string, name: string, tags: [string, string][]): TagGroup => ({
  id, name, order: 0, tags: tags.map(([tid, tname]) => ({ id: tid, groupId: id, name: tname, order: 0 })),
});

export const catalog: TagGroup[] = [
  group('gValue', '价值等级', [['tVIP', 'VIP'], ['tA', 'A类'], ['tB', 'B类']]),
  group('gRegion', '地域', [['tEast', '华东'], ['tNorth', '华北']]),
  group('gChannel', '渠道来源', [['tDy1', '抖音直播'], ['tDy2', '抖音短视频'], ['tWx', '微信搜一搜']]),
  group('gRisk', '风险', [['tComplaint', '投诉风险'], ['tNoCall', '讨厌电话沟通'], ['tNonMember', '非会员']]),
  group('gCampaign', '活动', [['tSpring', '春季活动 2026']]),
  { ...group('gOld', '旧分组', [['tOld', 'VIP']]), deleted: true },
];
