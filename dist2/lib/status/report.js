"use strict";
/**
 * The typed health report of `cdktf-barman status`: what `--json` prints (README, "Health
 * checks"), and what the human output is formatted from. Field names are part of the interface.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.DriftState = exports.InstanceState = exports.Verdict = void 0;
/** The result of one Barman check, or of one of our own evaluations. */
var Verdict;
(function (Verdict) {
    Verdict["OK"] = "OK";
    Verdict["FAILED"] = "FAILED";
    /** not known: the server was not reachable, or Barman did not say */
    Verdict["UNKNOWN"] = "UNKNOWN";
})(Verdict || (exports.Verdict = Verdict = {}));
/** How much status knows of one backed-up instance. */
var InstanceState;
(function (InstanceState) {
    /** Barman on its server answered about it */
    InstanceState["CHECKED"] = "checked";
    /** its server answered, but Barman there does not know it (its configuration is not there) */
    InstanceState["NOT_CONFIGURED"] = "not-configured";
    /** its server was reached, but Barman did not answer (not installed, or it failed) */
    InstanceState["UNKNOWN"] = "unknown";
    /** its server could not be reached: nothing is known, not even whether backups exist */
    InstanceState["UNREACHABLE"] = "unreachable";
})(InstanceState || (exports.InstanceState = InstanceState = {}));
var DriftState;
(function (DriftState) {
    /** the file exists with other content (edited by hand, or the config was not applied yet) */
    DriftState["DIFFERS"] = "differs";
    /** the file is not there */
    DriftState["MISSING"] = "missing";
})(DriftState || (exports.DriftState = DriftState = {}));
