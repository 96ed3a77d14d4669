import { FileKind, HostFile } from '../render/host-files';
import { shellQuote } from '../render/shell-quote';
import { SHELL_LIBRARY } from './shell-library';
import { toBase64 } from './remote-command';

/** Builds a host script step by step; every value reaches the shell single-quoted or as base64. */
export class HostScriptBuilder {
  private readonly lines: string[] = [SHELL_LIBRARY];

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

  /** a directory, a whole file or a log file as the renderers describe it */
  file(f: HostFile): this {
    const who = `${shellQuote(f.path)} ${shellQuote(f.owner)} ${shellQuote(f.group)} ${f.mode}`;
    switch (f.kind) {
      case FileKind.DIRECTORY:
        return this.raw(`ensure_dir ${who}`);
      case FileKind.LOG_FILE:
        return this.raw(`ensure_file ${who}`);
      case FileKind.FILE:
        return this.raw(`put_file ${who} '${toBase64(f.content ?? '')}'`);
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
    return this.lines.join('\n') + '\n';
  }
}

/** Shell for "the file of new managed lines" built up in $lines by the caller. */
export function mergeLinesStep(f: HostFile, marker: string): string {
  return `merge_lines ${shellQuote(f.path)} ${shellQuote(f.owner)} ${shellQuote(f.group)} ${f.mode} ${shellQuote(marker)} "$lines"`;
}
