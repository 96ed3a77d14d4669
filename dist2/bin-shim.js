require('./lib/cli/main').runCli(process.argv.slice(2)).then((c) => { process.exitCode = c; });
