"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnnotationMetadataEntryType = exports.invokeAspects = exports.TlsPrivateKey = exports.TlsProvider = exports.NullResource = exports.NullProvider = exports.Construct = exports.dependable = exports.Tokenization = exports.TerraformModule = exports.TerraformDataSource = exports.StringConcat = exports.DefaultTokenResolver = exports.Token = exports.Testing = exports.TerraformVariable = exports.TerraformStack = exports.TerraformResource = exports.TerraformProvider = exports.TerraformOutput = exports.TerraformLocal = exports.Op = exports.Lazy = exports.Fn = exports.Aspects = exports.App = exports.Annotations = void 0;
/**
 * The one module through which cdktf core, constructs and the prebuilt providers are imported, so
 * that moving to the cdktn fork (same API) is a change here only. Providers are imported by their
 * submodule paths: loading the whole provider index costs hundreds of milliseconds.
 */
var cdktf_1 = require("cdktf");
Object.defineProperty(exports, "Annotations", { enumerable: true, get: function () { return cdktf_1.Annotations; } });
Object.defineProperty(exports, "App", { enumerable: true, get: function () { return cdktf_1.App; } });
Object.defineProperty(exports, "Aspects", { enumerable: true, get: function () { return cdktf_1.Aspects; } });
Object.defineProperty(exports, "Fn", { enumerable: true, get: function () { return cdktf_1.Fn; } });
Object.defineProperty(exports, "Lazy", { enumerable: true, get: function () { return cdktf_1.Lazy; } });
Object.defineProperty(exports, "Op", { enumerable: true, get: function () { return cdktf_1.Op; } });
Object.defineProperty(exports, "TerraformLocal", { enumerable: true, get: function () { return cdktf_1.TerraformLocal; } });
Object.defineProperty(exports, "TerraformOutput", { enumerable: true, get: function () { return cdktf_1.TerraformOutput; } });
Object.defineProperty(exports, "TerraformProvider", { enumerable: true, get: function () { return cdktf_1.TerraformProvider; } });
Object.defineProperty(exports, "TerraformResource", { enumerable: true, get: function () { return cdktf_1.TerraformResource; } });
Object.defineProperty(exports, "TerraformStack", { enumerable: true, get: function () { return cdktf_1.TerraformStack; } });
Object.defineProperty(exports, "TerraformVariable", { enumerable: true, get: function () { return cdktf_1.TerraformVariable; } });
Object.defineProperty(exports, "Testing", { enumerable: true, get: function () { return cdktf_1.Testing; } });
Object.defineProperty(exports, "Token", { enumerable: true, get: function () { return cdktf_1.Token; } });
/** what a cluster's dependencies (dependsOn, node.addDependency) resolve to */
var cdktf_2 = require("cdktf");
Object.defineProperty(exports, "DefaultTokenResolver", { enumerable: true, get: function () { return cdktf_2.DefaultTokenResolver; } });
Object.defineProperty(exports, "StringConcat", { enumerable: true, get: function () { return cdktf_2.StringConcat; } });
Object.defineProperty(exports, "TerraformDataSource", { enumerable: true, get: function () { return cdktf_2.TerraformDataSource; } });
Object.defineProperty(exports, "TerraformModule", { enumerable: true, get: function () { return cdktf_2.TerraformModule; } });
Object.defineProperty(exports, "Tokenization", { enumerable: true, get: function () { return cdktf_2.Tokenization; } });
Object.defineProperty(exports, "dependable", { enumerable: true, get: function () { return cdktf_2.dependable; } });
var constructs_1 = require("constructs");
Object.defineProperty(exports, "Construct", { enumerable: true, get: function () { return constructs_1.Construct; } });
var provider_1 = require("@cdktf/provider-null/lib/provider");
Object.defineProperty(exports, "NullProvider", { enumerable: true, get: function () { return provider_1.NullProvider; } });
var resource_1 = require("@cdktf/provider-null/lib/resource");
Object.defineProperty(exports, "NullResource", { enumerable: true, get: function () { return resource_1.Resource; } });
var provider_2 = require("@cdktf/provider-tls/lib/provider");
Object.defineProperty(exports, "TlsProvider", { enumerable: true, get: function () { return provider_2.TlsProvider; } });
var private_key_1 = require("@cdktf/provider-tls/lib/private-key");
Object.defineProperty(exports, "TlsPrivateKey", { enumerable: true, get: function () { return private_key_1.PrivateKey; } });
/** cdktf's own aspect pass, run by its synthesizer; used to synthesize a stack without writing files. */
var synthesizer_1 = require("cdktf/lib/synthesize/synthesizer");
Object.defineProperty(exports, "invokeAspects", { enumerable: true, get: function () { return synthesizer_1.invokeAspects; } });
var annotations_1 = require("cdktf/lib/annotations");
Object.defineProperty(exports, "AnnotationMetadataEntryType", { enumerable: true, get: function () { return annotations_1.AnnotationMetadataEntryType; } });
