/** The logical ids are derived in lib/model (validation checks them for collisions with the same rule). */
export { clusterIdPrefix, idPart, logicalIdCollisions, logicalIds } from '../model/logical-ids';
