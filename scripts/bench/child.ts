/** Entry point of the bench's child processes (see children.ts): `node child.js <role>`. */
import { runChild, type Role } from './children.js';

await runChild(process.argv[2] as Role);
