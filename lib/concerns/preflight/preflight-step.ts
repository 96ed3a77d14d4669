import { BarmanGraph, Instance } from '../../model/graph';
import { HostScript } from '../../scripts/remote-command';
import { shellFileIn } from '../../scripts/shell-assets';
import { preflightNeeds, preflightRole, renderNeeds } from './preflight-needs';

/** The preflight step's shell functions (preflight.sh, beside this module), part of the host program. */
export const PREFLIGHT_SHELL = shellFileIn(__dirname, 'preflight.sh');

/** the trigger holding a host's needs: `terraform plan` shows it, and the step reads it */
export const PREFLIGHT_TRIGGER = 'preflight';

/**
 * A host's preflight (preflight.sh): what its roles need, checked before anything is written on
 * the host; with `installPackages`, the missing packages installed first.
 */
export function preflightScript(graph: BarmanGraph, host: Instance, installPackages: boolean): HostScript {
  const needs = renderNeeds(host, preflightNeeds(graph, host), installPackages);
  return { step: 'preflight', args: [host.name, preflightRole(host), installPackages ? 'install' : 'check', { trigger: PREFLIGHT_TRIGGER, content: needs }] };
}
