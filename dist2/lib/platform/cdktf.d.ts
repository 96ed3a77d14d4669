/**
 * The one module through which cdktf core, constructs and the prebuilt providers are imported, so
 * that moving to the cdktn fork (same API) is a change here only. Providers are imported by their
 * submodule paths: loading the whole provider index costs hundreds of milliseconds.
 */
export { Annotations, App, Aspects, Fn, Lazy, Op, TerraformLocal, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
export type { ITerraformDependable, RemoteExecProvisioner, SSHProvisionerConnection, TerraformMetaArguments } from 'cdktf';
/** what a cluster's dependencies (dependsOn, node.addDependency) resolve to */
export { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformModule, Tokenization, dependable } from 'cdktf';
export { Construct } from 'constructs';
export type { IConstruct } from 'constructs';
export { NullProvider } from '@cdktf/provider-null/lib/provider';
export { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
export { TlsProvider } from '@cdktf/provider-tls/lib/provider';
export { PrivateKey as TlsPrivateKey } from '@cdktf/provider-tls/lib/private-key';
/** cdktf's own aspect pass, run by its synthesizer; used to synthesize a stack without writing files. */
export { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
export { AnnotationMetadataEntryType } from 'cdktf/lib/annotations';
