#!/usr/bin/env python3
"""Reads a Barman configuration with Barman's own modules and prints what Barman makes of it, as JSON.

usage: barman_parse.py BARMAN_CONF

Parses BARMAN_CONF and every *.conf of its configuration_files_directory the way the `barman`
command does (barman.config.Config, load_configuration_files_directory, validate_global_config),
then, for every server, the effective value of each ServerConfig attribute after Barman applied
the [barman] section and its own defaults. It never connects to PostgreSQL and never writes.

Everything Barman reports is collected: log records at WARNING and above (any logger), messages
sent through barman.output (warning/error), Config.servers_msg_list, each ServerConfig.msg_list,
and whatever building a barman.server.Server for each server adds (retention policy, archiver
and backup method checks). A fatal problem (SystemExit, an interpolation error for a lone '%')
is reported in "fatal" instead of a traceback. Exit status: 0 when the JSON was printed.
"""
import datetime
import json
import logging
import sys


class Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    def emit(self, record):
        try:
            text = record.getMessage()
        except Exception:  # a broken format string must still be reported
            text = "%s %r" % (record.msg, record.args)
        self.messages.append("%s %s: %s" % (record.levelname, record.name, text))


def plain(value):
    """A JSON-friendly form of a parsed Barman value."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime.timedelta):
        return {"seconds": int(value.total_seconds())}
    if isinstance(value, (set, frozenset)):  # CsvOption (backup_options, recovery_options)
        return sorted(str(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    conf = sys.argv[1]
    collector = Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    root.setLevel(logging.WARNING)

    result = {
        "barman_version": None,
        "fatal": None,
        "warnings": collector.messages,
        "output_messages": [],
        "servers_msg_list": [],
        "global": {},
        "server_names": [],
        "servers": {},
    }
    try:
        import barman
        from barman import output
        from barman.config import Config

        result["barman_version"] = getattr(barman, "__version__", None)

        class CollectingWriter(output.ConsoleOutputWriter):
            """Keeps what barman.output would print (warnings, errors) instead of printing it."""

            def warning(self, message, *args):
                result["output_messages"].append("WARNING: " + output._format_message(message, args))

            def error(self, message, *args):
                result["output_messages"].append("ERROR: " + output._format_message(message, args))

            def exception(self, message, *args):
                result["output_messages"].append("EXCEPTION: " + output._format_message(message, args))

        output.set_output_writer(CollectingWriter())

        config = Config(conf)
        config.load_configuration_files_directory()
        config.validate_global_config()
        result["global"] = {
            "barman_home": config.barman_home,
            "barman_user": config.user,
            "log_file": config.log_file,
            "configuration_files_directory": config.get("barman", "configuration_files_directory"),
        }
        names = sorted(config.server_names())
        result["server_names"] = names
        result["servers_msg_list"] = list(config.servers_msg_list)
        for name in names:
            sc = config.get_server(name)
            attrs = {key: plain(getattr(sc, key, None)) for key in sc.KEYS}
            attrs["barman_home"] = sc.barman_home
            entry = {"config": attrs, "msg_list": list(sc.msg_list), "config_disabled": bool(sc.disabled)}
            # what `barman` does next for every command: build the Server (no connection is made)
            try:
                from barman.server import Server

                server = Server(sc)
                entry["retention_policy_object"] = str(server.config.retention_policy) if server.config.retention_policy is not None else None
                entry["server_msg_list"] = list(server.config.msg_list)
                entry["server_disabled"] = bool(server.config.disabled)
            except BaseException as e:  # noqa: BLE001 - report, never crash
                entry["server_error"] = "%s: %s" % (type(e).__name__, e)
            result["servers"][name] = entry
    except BaseException as e:  # SystemExit from Barman, InterpolationSyntaxError for a lone %, ...
        result["fatal"] = "%s: %s" % (type(e).__name__, e)
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
