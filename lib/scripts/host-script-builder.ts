import { FileKind, HostFile } from '../render/host-files';
import { shellQuote } from '../render/shell-quote';
import { SHELL_LIBRARY } from './shell-library';
import { DRIFT_LIBRARY } from './drift-library';
import { toBase64 } from './remote-command';

/** How one step treats changes made on its host outside the library (see drift-library.ts). */
export interface DriftPolicy {
  /** the instance the step runs on, named in the report */
  readonly host: string;
  /** the instance whose barman_allow_overrides decides (the one owning the files) */
  readonly owner: string;
  /** overwrite hand edits and keep Barman's overrides, with a warning, instead of failing */
  readonly allowOverrides: boolean;
}

/** Barman's own overrides to look for: the whole .barman.auto.conf, or one server's part of it. */
export interface BarmanOverrides {
  readonly barmanHome: string;
  /** only this server's section and active model @default - the whole file */
  readonly server?: string;
}

/** Builds a host script step by step; every value reaches the shell single-quoted or as base64. */
export class HostScriptBuilder {
  private readonly lines: string[] = [SHELL_LIBRARY];
  /** whole files decoded by checkDrift, by path: written later by file() */
  private readonly staged = new Map<string, { n: number; content: string }>();
  private readonly installed = new Set<string>();
  private driftChecked = false;
  private driftEmitted = false;

  raw(line: string): this {
    this.lines.push(line);
    return this;
  }

  comment(text: string): this {
    return this.raw(`# ${text.replace(/\n/g, ' ')}`);
  }

  /** fails the apply with `message` unless `test` (a shell condition) holds */
  require(test: string, message: string): this {
    return this.raw(`${test} || die ${shellQuote(message)}`);
  }

  needUser(user: string, fix: string): this {
    return this.raw(`need_user ${shellQuote(user)} ${shellQuote(fix)}`);
  }

  needGroup(group: string, fix: string): this {
    return this.raw(`need_group ${shellQuote(group)} ${shellQuote(fix)}`);
  }

  needHome(user: string, home: string, varName: string): this {
    return this.raw(`need_home ${shellQuote(user)} ${shellQuote(home)} ${shellQuote(varName)}`);
  }

  needCommand(command: string, fix: string): this {
    return this.raw(`need_command ${shellQuote(command)} ${shellQuote(fix)}`);
  }

  /**
   * Before anything is written: every whole file among `files` is decoded and compared with what
   * the last apply wrote (hand edits), Barman's overrides are looked for, and the step stops with
   * one report of everything found unless the policy allows overrides. Call once, before file().
   */
  checkDrift(policy: DriftPolicy, files: readonly HostFile[], overrides?: BarmanOverrides): this {
    if (this.driftChecked) throw new Error('checkDrift: once per script');
    this.driftChecked = true;
    const whole = files.filter((f) => f.kind === FileKind.FILE && f.publicKey === undefined);
    if (whole.length === 0 && overrides === undefined) return this;
    this.driftEmitted = true;
    this.raw(`drift_policy ${shellQuote(policy.host)} ${shellQuote(policy.owner)} ${policy.allowOverrides ? 1 : 0}`);
    for (const f of whole) {
      if (this.staged.has(f.path)) throw new Error(`checkDrift: ${f.path} twice`);
      const n = this.staged.size + 1;
      this.staged.set(f.path, { n, content: f.content ?? '' });
      this.raw(`stage_file ${n} ${shellQuote(f.path)} '${toBase64(f.content ?? '')}'`);
    }
    if (overrides?.server !== undefined) this.raw(`check_barman_overrides_of ${shellQuote(overrides.barmanHome)} ${shellQuote(overrides.server)}`);
    else if (overrides) this.raw(`check_barman_auto_conf ${shellQuote(overrides.barmanHome)}`);
    return this.raw('drift_verdict');
  }

  /** a directory, a whole file (staged by checkDrift) or a log file as the renderers describe it */
  file(f: HostFile): this {
    const who = `${shellQuote(f.path)} ${shellQuote(f.owner)} ${shellQuote(f.group)} ${f.mode}`;
    switch (f.kind) {
      case FileKind.DIRECTORY:
        return this.raw(`ensure_dir ${who}`);
      case FileKind.LOG_FILE:
        return this.raw(`ensure_file ${who}`);
      case FileKind.FILE: {
        const staged = this.staged.get(f.path);
        if (staged === undefined) throw new Error(`${f.path}: a whole file is written only after checkDrift looked at it`);
        if (staged.content !== (f.content ?? '')) throw new Error(`${f.path}: written with another content than checkDrift staged`);
        this.installed.add(f.path);
        return this.raw(`install_staged ${staged.n} ${who}`);
      }
      default:
        throw new Error(`host scripts write ${f.kind} files through their own step: ${f.path}`);
    }
  }

  /** a whole file whose content arrives as a base64 positional argument ($n) at apply time */
  fileFromArg(f: HostFile, argIndex: number, suffix: string): this {
    const who = `${shellQuote(f.path)} ${shellQuote(f.owner)} ${shellQuote(f.group)} ${f.mode}`;
    return this.raw(`src=$(mktemp); { printf '%s' "$${argIndex}" | base64 -d; printf '%s\\n' ${shellQuote(suffix)}; } > "$src"; install_from "$src" ${who}; rm -f "$src"`);
  }

  build(): string {
    const notWritten = [...this.staged.keys()].filter((p) => !this.installed.has(p));
    if (notWritten.length > 0) throw new Error(`checked for drift but never written: ${notWritten.join(', ')}`);
    const lines = this.driftEmitted ? [this.lines[0], DRIFT_LIBRARY, ...this.lines.slice(1)] : this.lines;
    return lines.join('\n') + '\n';
  }
}

/** Shell for "the file of new managed lines" built up in $lines by the caller. */
export function mergeLinesStep(f: HostFile, marker: string): string {
  return `merge_lines ${shellQuote(f.path)} ${shellQuote(f.owner)} ${shellQuote(f.group)} ${f.mode} ${shellQuote(marker)} "$lines"`;
}
