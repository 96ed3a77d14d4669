/**
 * What the end-to-end suites on sandboxed hosts share: their prerequisites, and a cluster in
 * `terraform_data` mode whose key pairs and Terraform's own connection key are variables of the
 * stack (no private key in the synthesized JSON; the values go to terraform.tfvars.json).
 */
import { missingPrerequisites, Sandbox } from './harness/hosts';
import { networkNamespacesMissing } from './harness/network';
import { sshKeyPair } from './terraform-cli';
import { skipUnless, terraformMissing } from '../support/requirements';
import { TerraformStack, TerraformVariable } from '../../lib/platform/cdktf';
import { BarmanClusterOptions } from '../../lib/constructs/barman-cluster';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';

/** the reason to skip a suite (root, the harness's packages, terraform; optionally network namespaces), or false */
export function suiteMissing(o: { networkNamespaces?: boolean } = {}): string | false {
  const harness = missingPrerequisites();
  return skipUnless(
    harness.length === 0 ? false : `${harness.join('; ')} (install with scripts/e2e-setup.sh; run the e2e tests as root)`,
    terraformMissing(),
    o.networkNamespaces && harness.length === 0 ? networkNamespacesMissing() : false,
  );
}

/** terraform_data, supplied keys and the connection key, all from variables named `<prefix>..._key` */
export function suppliedKeyOptions(stack: TerraformStack, prefix = ''): Pick<BarmanClusterOptions, 'resourceType' | 'suppliedKeys' | 'connection'> {
  const secret = (n: string) => new TerraformVariable(stack, `${prefix}${n}`, { type: 'string', sensitive: true }).stringValue;
  const plain = (n: string) => new TerraformVariable(stack, `${prefix}${n}`, { type: 'string' }).stringValue;
  return {
    resourceType: ProvisionerResourceType.TERRAFORM_DATA,
    suppliedKeys: {
      postgres: { privateKey: secret('postgres_private_key'), publicKey: plain('postgres_public_key') },
      barman: { privateKey: secret('barman_private_key'), publicKey: plain('barman_public_key') },
    },
    connection: { agent: false, privateKey: secret('connection_private_key') },
  };
}

export interface KeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

/** the values of suppliedKeyOptions' variables: these pairs, and the sandbox's client key for Terraform */
export function keyValues(sb: Sandbox, pairs: { postgres: KeyPair; barman: KeyPair }, prefix = ''): Record<string, string> {
  return {
    [`${prefix}connection_private_key`]: sb.clientKey.privateKey,
    [`${prefix}postgres_private_key`]: pairs.postgres.privateKey,
    [`${prefix}postgres_public_key`]: pairs.postgres.publicKey,
    [`${prefix}barman_private_key`]: pairs.barman.privateKey,
    [`${prefix}barman_public_key`]: pairs.barman.publicKey,
  };
}

/** a fresh postgres and barman key pair in `dir` */
export async function freshPairs(dir: string, comment = ''): Promise<{ postgres: KeyPair; barman: KeyPair }> {
  return { postgres: await sshKeyPair(dir, 'postgres', `postgres${comment}`), barman: await sshKeyPair(dir, 'barman', `barman${comment}`) };
}
