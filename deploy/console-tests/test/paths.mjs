import { fileURLToPath } from 'node:url';
/** The console's sources in nrm-node. */
export const console = fileURLToPath(new URL('../../../nrm-node/src/main/resources/META-INF/resources/console/', import.meta.url));
