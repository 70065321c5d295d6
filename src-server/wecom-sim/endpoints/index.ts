// The one list of simulated WeCom endpoints. Each concern lives in its own module; add a
// module's array here to register it (paths must stay unique — the server checks at start).
import type { SimEndpoint } from './types';
import { tokenEndpoints } from './token';
import { tagEndpoints } from './tags';
import { contactEndpoints } from './contacts';
import { transferEndpoints } from './transfer';
import { interceptEndpoints } from './intercept';
import { msgTemplateEndpoints } from './msg-template';
import { directoryEndpoints } from './directory';
import { authEndpoints } from './auth';
import { jsapiEndpoints } from './jsapi';
import { contactWayEndpoints } from './contact-way';

export const endpoints: readonly SimEndpoint[] = [
  ...tokenEndpoints,
  ...tagEndpoints,
  ...contactEndpoints,
  ...transferEndpoints,
  ...interceptEndpoints,
  ...msgTemplateEndpoints,
  ...directoryEndpoints,
  ...authEndpoints,
  ...jsapiEndpoints,
  ...contactWayEndpoints,
];

export type { SimEndpoint, SimContext } from './types';
