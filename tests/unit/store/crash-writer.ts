// Child process for the kill -9 test: queues ops as fast as it can and prints each op's seq
// after its transaction committed (the moment the UI would acknowledge it).
import { openDatabase } from '../../../src-main/store/database';
import { applyFollowRecords } from '../../../src-main/store/customers';
import { enqueueOp } from '../../../src-main/store/outbox';

const db = openDatabase(process.argv[2]!);
applyFollowRecords(db, [{ customer: { externalUserid: 'wm-crash', name: '崩溃测试' }, relation: { memberUserid: 'zhangsan', tagIds: [] } }]);
for (let i = 0; ; i++) {
  const op = enqueueOp(db, { memberUserid: 'zhangsan', externalUserid: 'wm-crash', kind: i % 2 ? 'remove' : 'add', tagId: `t${i % 7}` }, { source: 'ui' });
  process.stdout.write(`${op.seq}\n`);
}
