"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RemovedBackups = exports.HbaMethod = exports.SshUser = exports.KeyAlgorithm = exports.Period = exports.BackupOption = exports.POSTGRES_ROLES = exports.Role = exports.ReuseBackup = exports.Compression = exports.BackupMethod = void 0;
/** How Barman takes full backups (Barman's `backup_method`). */
var BackupMethod;
(function (BackupMethod) {
    /** rsync over ssh from the Postgres host (TPA's and the seed's default) */
    BackupMethod["RSYNC"] = "rsync";
    /** pg_basebackup over the streaming replication protocol */
    BackupMethod["POSTGRES"] = "postgres";
    /** rsync on the same host: Barman runs where Postgres runs */
    BackupMethod["LOCAL_RSYNC"] = "local-rsync";
})(BackupMethod || (exports.BackupMethod = BackupMethod = {}));
/** WAL compression (Barman's `compression`), as Barman 3.4 accepts it. */
var Compression;
(function (Compression) {
    Compression["PIGZ"] = "pigz";
    Compression["GZIP"] = "gzip";
    Compression["BZIP2"] = "bzip2";
    Compression["PYGZIP"] = "pygzip";
    Compression["PYBZIP2"] = "pybzip2";
    /** no WAL compression */
    Compression["NONE"] = "none";
})(Compression || (exports.Compression = Compression = {}));
/** Incremental rsync backups (Barman's `reuse_backup`). */
var ReuseBackup;
(function (ReuseBackup) {
    ReuseBackup["OFF"] = "off";
    ReuseBackup["LINK"] = "link";
    ReuseBackup["COPY"] = "copy";
})(ReuseBackup || (exports.ReuseBackup = ReuseBackup = {}));
/** Roles that matter to Barman; config.yml may carry others, which are kept and ignored. */
var Role;
(function (Role) {
    Role["BARMAN"] = "barman";
    Role["PRIMARY"] = "primary";
    Role["REPLICA"] = "replica";
    Role["POSTGRES"] = "postgres";
    Role["WITNESS"] = "witness";
    Role["BDR"] = "bdr";
})(Role || (exports.Role = Role = {}));
/** Roles that make an instance a Postgres instance (TPA's role expansion). */
exports.POSTGRES_ROLES = [Role.PRIMARY, Role.REPLICA, Role.POSTGRES, Role.WITNESS, Role.BDR];
/** Barman's `backup_options` values. */
var BackupOption;
(function (BackupOption) {
    BackupOption["CONCURRENT_BACKUP"] = "concurrent_backup";
    BackupOption["EXCLUSIVE_BACKUP"] = "exclusive_backup";
    BackupOption["EXTERNAL_CONFIGURATION"] = "external_configuration";
})(BackupOption || (exports.BackupOption = BackupOption = {}));
/** Time unit of a retention window or a maximum age. */
var Period;
(function (Period) {
    Period["DAYS"] = "DAYS";
    Period["WEEKS"] = "WEEKS";
    Period["MONTHS"] = "MONTHS";
})(Period || (exports.Period = Period = {}));
/** Algorithm of the SSH key pairs of the postgres and barman users. */
var KeyAlgorithm;
(function (KeyAlgorithm) {
    KeyAlgorithm["ED25519"] = "ED25519";
    KeyAlgorithm["RSA"] = "RSA";
    KeyAlgorithm["ECDSA"] = "ECDSA";
})(KeyAlgorithm || (exports.KeyAlgorithm = KeyAlgorithm = {}));
/** The two OS users whose SSH keys the library manages. */
var SshUser;
(function (SshUser) {
    SshUser["POSTGRES"] = "postgres";
    SshUser["BARMAN"] = "barman";
})(SshUser || (exports.SshUser = SshUser = {}));
/** How PostgreSQL authenticates Barman's connections (pg_hba.conf method). */
var HbaMethod;
(function (HbaMethod) {
    HbaMethod["SCRAM_SHA_256"] = "scram-sha-256";
    HbaMethod["MD5"] = "md5";
    /** TLS client certificates (needs hostssl and certificates for barman on the Barman server) */
    HbaMethod["CERT"] = "cert";
})(HbaMethod || (exports.HbaMethod = HbaMethod = {}));
/** What happens to a removed server's backups under barman_home (a Barman server's setting). */
var RemovedBackups;
(function (RemovedBackups) {
    /** kept on disk; Barman no longer lists them (the default: only an explicit choice deletes data) */
    RemovedBackups["KEEP"] = "keep";
    /** `<barman_home>/<backup_name>` is deleted after its receive-wal is stopped and its slot dropped */
    RemovedBackups["DELETE"] = "delete";
})(RemovedBackups || (exports.RemovedBackups = RemovedBackups = {}));
