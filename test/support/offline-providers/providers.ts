/**
 * Test-only stand-in providers (see README.md): which resource types each stand-in serves.
 * Neither has data sources, functions or provider configuration.
 */
import { NULL_RESOURCE } from './null-resource';
import { ResourceType } from './schema';
import { TLS_PRIVATE_KEY } from './tls-private-key';

export interface StandInProvider {
  /** the provider's local name and registry type (hashicorp/<name>) */
  readonly name: string;
  /** the release of the real provider that the stand-in mimics and the mirror offers */
  readonly version: string;
  readonly resources: readonly ResourceType[];
}

export const PROVIDERS: Record<string, StandInProvider> = {
  null: { name: 'null', version: '3.2.4', resources: [NULL_RESOURCE] },
  tls: { name: 'tls', version: '4.1.0', resources: [TLS_PRIVATE_KEY] },
};
