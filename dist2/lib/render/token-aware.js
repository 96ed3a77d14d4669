"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isStringToken = exports.containsTokenText = void 0;
exports.tokenText = tokenText;
var literal_text_1 = require("../model/literal-text");
Object.defineProperty(exports, "containsTokenText", { enumerable: true, get: function () { return literal_text_1.containsTokenText; } });
Object.defineProperty(exports, "isStringToken", { enumerable: true, get: function () { return literal_text_1.isStringToken; } });
/** The Terraform expressions for token-bearing text (lib/platform/token-text.ts). */
function tokenText() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../platform/token-text');
}
