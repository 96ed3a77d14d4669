/**
 * Test-only stand-in providers (see README.md): a plugin process as HashiCorp's go-plugin
 * expects one. Checks the magic cookie and that protocol 5 is offered, serves gRPC on an
 * ephemeral 127.0.0.1 port with go-plugin's automatic mutual TLS (a fresh self-signed server
 * certificate; the client must present the certificate Terraform passed in PLUGIN_CLIENT_CERT),
 * and prints the one handshake line on stdout. Besides the provider it serves go-plugin's own
 * services: standard streams (left open, nothing sent), the broker (held open), shutdown (exits),
 * and the health check.
 */
import { Server, ServerCredentials, ServerDuplexStream, ServerWritableStream, UntypedServiceImplementation, loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';
import { StandInProvider } from './providers';
import { providerService } from './provider-service';
import { selfSignedCertificate } from './self-signed';

const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const PROTOCOL_VERSION = 5;

type Grpc = Record<string, any>;

function load(file: string): Grpc {
  const definition = loadSync(join(__dirname, 'proto', file), { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true });
  return loadPackageDefinition(definition) as Grpc;
}

function goPluginServices(server: Server, onShutdown: () => void): void {
  const goPlugin = load('go-plugin.proto').plugin;
  server.addService(goPlugin.GRPCStdio.service, {
    // Terraform reads the plugin's output here; the stand-ins write nothing, so the stream stays open
    StreamStdio: (call: ServerWritableStream<unknown, unknown>) => call.on('cancelled', () => call.end()),
  } as UntypedServiceImplementation);
  server.addService(goPlugin.GRPCBroker.service, {
    StartStream: (call: ServerDuplexStream<unknown, unknown>) => {
      call.on('data', () => undefined);
      call.on('end', () => call.end());
    },
  } as UntypedServiceImplementation);
  server.addService(goPlugin.GRPCController.service, {
    Shutdown: (_call: unknown, callback: (e: null, r: object) => void) => {
      callback(null, {});
      setImmediate(onShutdown);
    },
  } as UntypedServiceImplementation);
  const health = load('health.proto').grpc.health.v1;
  server.addService(health.Health.service, {
    Check: (_call: unknown, callback: (e: null, r: object) => void) => callback(null, { status: 'SERVING' }),
  } as UntypedServiceImplementation);
}

/** serves `provider` until Terraform shuts it down; exits 1 with a message when not started by Terraform */
export function servePlugin(provider: StandInProvider): void {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write(`this is a test-only stand-in of the Terraform provider hashicorp/${provider.name}: a plugin that Terraform starts, not a program to run by hand\n`);
    process.exit(1);
  }
  const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? '').split(',').map((v) => Number(v.trim()));
  if (!offered.includes(PROTOCOL_VERSION)) {
    process.stderr.write(`terraform offers plugin protocols ${process.env.PLUGIN_PROTOCOL_VERSIONS ?? '(none)'}; the stand-in speaks only ${PROTOCOL_VERSION}\n`);
    process.exit(1);
  }
  // interrupts go to the whole process group; Terraform stops its plugins itself
  process.on('SIGINT', () => undefined);

  const server = new Server();
  const stop = (): void => {
    server.forceShutdown();
    process.exit(0);
  };
  server.addService(load('tfplugin5.proto').tfplugin5.Provider.service, providerService(provider));
  goPluginServices(server, stop);

  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const cert = clientCert ? selfSignedCertificate() : null;
  const credentials = cert === null ? ServerCredentials.createInsecure() : ServerCredentials.createSsl(Buffer.from(clientCert!), [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }], true);
  server.bindAsync('127.0.0.1:0', credentials, (error, port) => {
    if (error !== null) {
      process.stderr.write(`cannot listen on 127.0.0.1: ${error.message}\n`);
      process.exit(1);
    }
    const tail = cert === null ? '' : `|${cert.certDer.toString('base64').replace(/=+$/, '')}`;
    process.stdout.write(`1|${PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc${tail}\n`);
  });

  // should Terraform vanish without shutting the plugin down, do not linger
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 2000).unref();
}
