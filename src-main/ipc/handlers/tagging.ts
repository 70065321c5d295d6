import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';

export function taggingHandlers(s: Services): Pick<HandlerTable, 'lint.check' | 'tags.apply' | 'tags.remove' | 'remark.set'> {
  return {
    'lint.check': async ({ text, field }) => s.workspace().lint(text, field),
    'tags.apply': async ({ externalUserid, tagId }) => s.workspace().applyTag(externalUserid, tagId),
    'tags.remove': async ({ externalUserid, tagId }) => s.workspace().removeTag(externalUserid, tagId),
    'remark.set': async ({ externalUserid, remark, description }) =>
      s.workspace().setRemark(externalUserid, { ...(remark !== undefined ? { remark } : {}), ...(description !== undefined ? { description } : {}) }),
  };
}
