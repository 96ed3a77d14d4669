"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.logicalIds = exports.logicalIdCollisions = exports.idPart = exports.clusterIdPrefix = void 0;
/** The logical ids are derived in lib/model (validation checks them for collisions with the same rule). */
var logical_ids_1 = require("../model/logical-ids");
Object.defineProperty(exports, "clusterIdPrefix", { enumerable: true, get: function () { return logical_ids_1.clusterIdPrefix; } });
Object.defineProperty(exports, "idPart", { enumerable: true, get: function () { return logical_ids_1.idPart; } });
Object.defineProperty(exports, "logicalIdCollisions", { enumerable: true, get: function () { return logical_ids_1.logicalIdCollisions; } });
Object.defineProperty(exports, "logicalIds", { enumerable: true, get: function () { return logical_ids_1.logicalIds; } });
