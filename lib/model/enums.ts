/** How Barman takes full backups (Barman's `backup_method`). */
export enum BackupMethod {
  /** rsync over ssh from the Postgres host (TPA's and the seed's default) */
  RSYNC = 'rsync',
  /** pg_basebackup over the streaming replication protocol */
  POSTGRES = 'postgres',
  /** rsync on the same host: Barman runs where Postgres runs */
  LOCAL_RSYNC = 'local-rsync',
}

/** WAL compression (Barman's `compression`); zstd, lz4 and xz need Barman 3.12 or later (settings.ts says so). */
export enum Compression {
  PIGZ = 'pigz',
  GZIP = 'gzip',
  BZIP2 = 'bzip2',
  PYGZIP = 'pygzip',
  PYBZIP2 = 'pybzip2',
  /** Barman 3.12 and later (needs the Python zstandard module on the Barman server) */
  ZSTD = 'zstd',
  /** Barman 3.12 and later (needs the Python lz4 module on the Barman server) */
  LZ4 = 'lz4',
  /** Barman 3.12 and later (Python's own lzma) */
  XZ = 'xz',
  /** no WAL compression */
  NONE = 'none',
}

/** Incremental rsync backups (Barman's `reuse_backup`). */
export enum ReuseBackup {
  OFF = 'off',
  LINK = 'link',
  COPY = 'copy',
}

/** Roles that matter to Barman; config.yml may carry others, which are kept and ignored. */
export enum Role {
  BARMAN = 'barman',
  PRIMARY = 'primary',
  REPLICA = 'replica',
  POSTGRES = 'postgres',
  WITNESS = 'witness',
  BDR = 'bdr',
}

/** Roles that make an instance a Postgres instance (TPA's role expansion). */
export const POSTGRES_ROLES: readonly string[] = [Role.PRIMARY, Role.REPLICA, Role.POSTGRES, Role.WITNESS, Role.BDR];

/** Barman's `backup_options` values. */
export enum BackupOption {
  CONCURRENT_BACKUP = 'concurrent_backup',
  EXCLUSIVE_BACKUP = 'exclusive_backup',
  EXTERNAL_CONFIGURATION = 'external_configuration',
}

/** Time unit of a retention window or a maximum age. */
export enum Period {
  DAYS = 'DAYS',
  WEEKS = 'WEEKS',
  MONTHS = 'MONTHS',
}

/** Algorithm of the SSH key pairs of the postgres and barman users. */
export enum KeyAlgorithm {
  ED25519 = 'ED25519',
  RSA = 'RSA',
  ECDSA = 'ECDSA',
}

/** The two OS users whose SSH keys the library manages. */
export enum SshUser {
  POSTGRES = 'postgres',
  BARMAN = 'barman',
}

/** How PostgreSQL authenticates Barman's connections (pg_hba.conf method). */
export enum HbaMethod {
  SCRAM_SHA_256 = 'scram-sha-256',
  MD5 = 'md5',
  /** TLS client certificates (needs hostssl and certificates for barman on the Barman server) */
  CERT = 'cert',
}

/** What happens to a removed server's backups under barman_home (a Barman server's setting). */
export enum RemovedBackups {
  /** kept on disk; Barman no longer lists them (the default: only an explicit choice deletes data) */
  KEEP = 'keep',
  /** `<barman_home>/<backup_name>` is deleted after its receive-wal is stopped and its slot dropped */
  DELETE = 'delete',
}
