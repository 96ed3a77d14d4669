"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TOP_LEVEL_KEYS = exports.DEFAULTS_ONLY_KEYS = exports.INSTANCE_KEYS = exports.PLATFORM_INSTANCE_KEYS = exports.COMMON_INSTANCE_KEYS = void 0;
/** Instance keys TPA accepts on every platform (config.yml, instances[*]). */
exports.COMMON_INSTANCE_KEYS = [
    'Name', 'node', 'role', 'platform', 'location', 'upstream', 'backup', 'tags', 'vars', 'volumes', 'provision_only', 'ansible_host',
];
/** Platform keys TPA accepts; they do not concern Barman and are accepted and ignored. */
exports.PLATFORM_INSTANCE_KEYS = [
    // bare
    'ip_address', 'public_ip', 'private_ip',
    // docker
    'image', 'privileged', 'restart_policy', 'memory', 'memory_reservation', 'shm_size', 'env_file', 'env', 'log_driver',
    'log_options', 'exposed_ports', 'published_ports', 'devices', 'networks', 'sysctls', 'ulimits', 'local_source_directories',
    'docker_security_opts', 'docker_cap_add', 'docker_cap_drop', 'region',
    // aws
    'type', 'subnet', 'ec2_ami_user', 'az', 'cluster_ssh_user', 'spot_price', 'spot_wait_timeout', 'spot_launch_group',
    'termination_protection', 'assign_public_ip', 'assign_elastic_ip', 'elastic_ip', 'route53_hosted_zone_id',
    'route53_private_zone', 'route53_zone',
];
exports.INSTANCE_KEYS = [...exports.COMMON_INSTANCE_KEYS, ...exports.PLATFORM_INSTANCE_KEYS];
/** Only in instance_defaults: volumes every instance gets. */
exports.DEFAULTS_ONLY_KEYS = ['default_volumes'];
/** Top-level keys of a TPA config.yml; others get a warning (a typo would otherwise go unnoticed). */
exports.TOP_LEVEL_KEYS = [
    'cluster_name', 'cluster_vars', 'instances', 'instance_defaults', 'locations', 'architecture', 'cluster_tags',
    'keyring_backend', 'vault_name', 'ssh_key_file', 'cluster_ssh_port', 'compliance', 'ansible_tower', 'cluster_rules',
    'ec2_ami', 'ec2_vpc', 'ec2_vpc_subnets', 'ec2_instance_reachability', 'ec2_ami_user', 'cluster_ssh_user', 'route53_zone',
    'route53_hosted_zone_id', 'cluster_bucket', 'polling_interval', 'docker_images', 'docker_sources', 'cluster_prefixed_hostnames',
    'tpa_version', 'failover_manager',
];
