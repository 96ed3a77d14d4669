import { DEFAULT_TIMEOUT_SECONDS } from '../status/collect';

/** The status command's part of the usage text (its own module: main builds USAGE when it loads). */
export const STATUS_USAGE = `  status CONFIG              health of every Barman server of CONFIG: one ssh session each runs
                             barman diagnose and barman check; prints per instance receive-wal,
                             slot, WAL archive, last backup and its age against
                             last_backup_maximum_age, backups against minimum_redundancy, and
                             every failure; exit 1 on any failure (a monitoring probe)
      --json                 one JSON document instead of the table
      --connection-user USER root (default) or a user with passwordless sudo (sudo -n)
      --ssh-port N           default: each server's cluster_ssh_port
      --identity-file FILE   ssh private key (default: ssh's agent and ~/.ssh)
      --known-hosts FILE     known_hosts to check host keys against (always strict)
      --bastion-host HOST    jump host ([user@]host[:port], ssh -J)
      --timeout SECONDS      ssh connect timeout (default ${DEFAULT_TIMEOUT_SECONDS}); a server is given up
                             after 10 times this
`;
