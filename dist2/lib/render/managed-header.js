"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.managedHeader = managedHeader;
/** First line of every whole file the library owns: tells a person editing it by hand. */
function managedHeader(comment, what) {
    return `${comment} Managed by cdktf-barman: ${what}. Hand edits here stop the next apply (see barman_allow_overrides).\n`;
}
