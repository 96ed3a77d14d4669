/** The logical ids are derived in lib/model (validation checks them for collisions with the same rule). */
export { idPart, logicalIdCollisions, logicalIds } from '../model/logical-ids';
