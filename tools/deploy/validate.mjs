// Renders the Helm chart with each CI value set and validates every manifest, then validates
// docker-compose.yml (decision 0029). Fails, naming the file, the object and the field, when:
// - helm refuses the values (values.schema.json) or `helm lint --strict` complains;
// - a manifest breaks the Kubernetes schema: kubernetes-models' generated validators (types,
//   enums, required fields, formats), and the same models' TypeScript types for fields that do
//   not exist (the validators let unknown fields through; Kubernetes would drop them silently);
// - the chart breaks a promise of its own: non-root, read-only root, no privilege escalation,
//   ALL capabilities dropped and RuntimeDefault seccomp in every pod; probes on the health
//   routes; references to Secrets, keys, ConfigMaps, Services and pods that exist;
// - docker-compose.yml breaks the Compose Specification schema (as shipped by dclint) or names a
//   service, network or volume it does not define.
// It also proves, each run, that each check rejects a broken input.
// Usage: node tools/deploy/validate.mjs   (npm run deploy:validate)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import Ajv from 'ajv';
import ts from 'typescript';
import { parseAllDocuments, parseDocument } from 'yaml';
import { ensureHelm, HELM_VERSION } from './helm.mjs';

const started = Date.now();
const root = resolve(import.meta.dirname, '../..');
const chart = join(root, 'deploy/helm/orca');
const composeFile = join(root, 'docker-compose.yml');
const require = createRequire(import.meta.url);
const rel = (path) => relative(root, path);

class Invalid extends Error {}

// ---------------------------------------------------------------------------------------- helm
const helm = ensureHelm();
const helmHome = join(root, 'node_modules/.cache/orca-deploy/home');
const helmEnv = {
  ...process.env,
  HELM_CACHE_HOME: join(helmHome, 'cache'),
  HELM_CONFIG_HOME: join(helmHome, 'config'),
  HELM_DATA_HOME: join(helmHome, 'data'),
};

function runHelm(args) {
  try {
    return execFileSync(helm, args, {
      encoding: 'utf8',
      env: helmEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new Invalid(
      `helm ${args.join(' ')}\n${error.stderr || error.stdout || error.message}`,
    );
  }
}

function render(valuesFile, extraArgs = []) {
  const args = ['template', 'orca', chart, '--namespace', 'orca'];
  if (valuesFile) args.push('--values', valuesFile);
  return runHelm([...args, ...extraArgs]);
}

function lint(valuesFile) {
  const out = runHelm(['lint', '--strict', chart, '--values', valuesFile]);
  const findings = out
    .split('\n')
    .filter((line) => /^\[(WARNING|ERROR)\]/.test(line));
  if (findings.length)
    throw new Invalid(`helm lint --strict:\n${findings.join('\n')}`);
}

/** The rendered YAML stream as objects, each with the template it came from. */
function manifests(yaml, label) {
  const out = [];
  for (const document of parseAllDocuments(yaml)) {
    if (document.errors.length) {
      throw new Invalid(`${label}: not YAML: ${document.errors[0].message}`);
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue;
    const comments = `${document.commentBefore ?? ''}\n${document.contents?.commentBefore ?? ''}`;
    const source = /^ ?Source: (.+)$/m.exec(comments)?.[1] ?? '?';
    out.push({ object, source });
  }
  return out;
}

// --------------------------------------------------------------------- Kubernetes JSON schemas
function modelPath({ apiVersion, kind }) {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

function name(object) {
  return `${object.kind} ${object.metadata?.name ?? '(no name)'}`;
}

/** kubernetes-models' ajv validators: types, enums, required fields, formats. */
function schemaErrors(items) {
  const errors = [];
  for (const { object, source } of items) {
    if (
      typeof object.apiVersion !== 'string' ||
      typeof object.kind !== 'string'
    ) {
      errors.push(`${source}: a document without apiVersion and kind`);
      continue;
    }
    let Model;
    try {
      Model = require(modelPath(object))[object.kind];
    } catch {
      errors.push(
        `${source}: ${name(object)}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`,
      );
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(`${source}: ${name(object)}: ${error.message}`);
    }
  }
  return errors;
}

/** Where in an object literal a position falls, as a JSON path. */
function pathAt(node, position, path = []) {
  for (const child of node.getChildren()) {
    if (position < child.getStart() || position >= child.getEnd()) continue;
    if (ts.isPropertyAssignment(child)) {
      return pathAt(child, position, [
        ...path,
        child.name.getText().replace(/^"|"$/g, ''),
      ]);
    }
    if (ts.isArrayLiteralExpression(child)) {
      const index = child.elements.findIndex(
        (element) =>
          position >= element.getStart() && position < element.getEnd(),
      );
      if (index >= 0)
        return pathAt(child.elements[index], position, [...path, index]);
    }
    return pathAt(child, position, path);
  }
  return path;
}

const parsedDeclarations = new Map();

/**
 * Fields that exist nowhere in the API, and wrong types, through TypeScript's excess-property
 * check of each manifest as an object literal of the model's interface (I<Kind>).
 */
function typeErrors(items) {
  const known = items.filter(({ object }) => {
    try {
      require.resolve(modelPath(object));
      return true;
    } catch {
      return false;
    }
  });
  if (!known.length) return [];
  const fileName = join(root, '__orca_rendered_manifests.ts');
  const text = known
    .map(
      ({ object }, index) =>
        `import type { I${object.kind} as T${index} } from '${modelPath(object)}';\n` +
        `export const m${index}: T${index} = ${JSON.stringify(object, null, 1)};\n`,
    )
    .join('');
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.ES2022,
    true,
  );
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, ...rest) => {
    if (file === fileName) return source;
    // The models' declarations are parsed once per run, not once per value set.
    if (!parsedDeclarations.has(file))
      parsedDeclarations.set(file, getSourceFile(file, ...rest));
    return parsedDeclarations.get(file);
  };
  const program = ts.createProgram([fileName], options, host);
  const statements = source.statements.filter(ts.isVariableStatement);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts
      .flattenDiagnosticMessageText(diagnostic.messageText, '\n')
      .split('\n');
    if (diagnostic.file !== source || diagnostic.start === undefined) {
      return message.join(' ');
    }
    const index = statements.findIndex(
      (statement) =>
        diagnostic.start >= statement.getStart() &&
        diagnostic.start < statement.getEnd(),
    );
    const item = known[index];
    const initializer =
      statements[index]?.declarationList.declarations[0]?.initializer;
    const path = initializer
      ? pathAt(initializer, diagnostic.start).join('.')
      : '';
    return `${item?.source ?? '?'}: ${item ? name(item.object) : '?'}: ${path || '(root)'}: ${message.at(-1)}`;
  });
}

// --------------------------------------------------------------------------- chart's promises
const podKinds = new Set(['Deployment', 'Job', 'StatefulSet', 'DaemonSet']);

function chartErrors(items) {
  const errors = [];
  const all = items.map(({ object }) => object);
  const byKind = (kind) => all.filter((object) => object.kind === kind);
  const secrets = new Map(
    byKind('Secret').map((s) => [s.metadata.name, Object.keys(s.data ?? {})]),
  );
  const configMaps = new Set(byKind('ConfigMap').map((c) => c.metadata.name));
  const services = new Map(byKind('Service').map((s) => [s.metadata.name, s]));
  const pods = all
    .filter((object) => podKinds.has(object.kind))
    .map((object) => ({
      owner: name(object),
      object,
      template: object.spec?.template ?? {},
    }));
  const matches = (selector, labels) =>
    Object.entries(selector ?? {}).every(
      ([key, value]) => labels?.[key] === value,
    );

  for (const { owner, object, template } of pods) {
    const spec = template.spec ?? {};
    const podContext = spec.securityContext ?? {};
    const fail = (what) => errors.push(`${owner}: ${what}`);
    if (spec.automountServiceAccountToken !== false)
      fail('mounts a ServiceAccount token');
    const volumes = new Map(
      (spec.volumes ?? []).map((volume) => [volume.name, volume]),
    );
    for (const container of [
      ...(spec.initContainers ?? []),
      ...(spec.containers ?? []),
    ]) {
      const context = container.securityContext ?? {};
      const where = `container ${container.name}`;
      if ((context.runAsNonRoot ?? podContext.runAsNonRoot) !== true)
        fail(`${where}: runAsNonRoot is not true`);
      if (context.readOnlyRootFilesystem !== true)
        fail(`${where}: root filesystem is writable`);
      if (context.allowPrivilegeEscalation !== false)
        fail(`${where}: allowPrivilegeEscalation is not false`);
      if (!(context.capabilities?.drop ?? []).includes('ALL'))
        fail(`${where}: capabilities.drop lacks ALL`);
      const seccomp =
        context.seccompProfile?.type ?? podContext.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault')
        fail(
          `${where}: seccompProfile is ${seccomp ?? 'unset'}, not RuntimeDefault`,
        );
      const tmp = (container.volumeMounts ?? []).find(
        (mount) => mount.mountPath === '/tmp',
      );
      if (!tmp || !volumes.get(tmp.name)?.emptyDir)
        fail(`${where}: no emptyDir at /tmp for a read-only root`);
      if (object.kind === 'Deployment') {
        for (const probe of [
          'startupProbe',
          'livenessProbe',
          'readinessProbe',
        ]) {
          if (!container[probe]?.httpGet?.path)
            fail(`${where}: no HTTP ${probe}`);
        }
      }
      if (container.name === 'api') {
        if (container.livenessProbe?.httpGet?.path !== '/api/health/live')
          fail(`${where}: liveness is not /api/health/live`);
        if (container.readinessProbe?.httpGet?.path !== '/api/health/ready')
          fail(`${where}: readiness is not /api/health/ready`);
      }
      for (const env of container.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (
          ref &&
          secrets.has(ref.name) &&
          !secrets.get(ref.name).includes(ref.key)
        ) {
          fail(
            `${where}: ${env.name} reads key ${ref.key} that Secret ${ref.name} does not hold`,
          );
        }
      }
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name)) {
          fail(
            `${where}: envFrom names ConfigMap ${from.configMapRef.name}, which is not rendered`,
          );
        }
      }
    }
    if (
      object.spec?.selector &&
      !matches(object.spec.selector.matchLabels, template.metadata?.labels)
    ) {
      fail('selector does not match its pod template');
    }
  }
  for (const service of services.values()) {
    const targets = pods.filter(({ template }) =>
      matches(service.spec.selector, template.metadata?.labels),
    );
    if (!targets.length) errors.push(`${name(service)}: selects no pod`);
    for (const port of service.spec.ports ?? []) {
      const named = targets.some(({ template }) =>
        (template.spec?.containers ?? []).some((c) =>
          (c.ports ?? []).some(
            (p) =>
              p.name === port.targetPort || p.containerPort === port.targetPort,
          ),
        ),
      );
      if (targets.length && !named)
        errors.push(
          `${name(service)}: targetPort ${port.targetPort} is no container port`,
        );
    }
  }
  for (const ingress of byKind('Ingress')) {
    for (const rule of ingress.spec.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend.service;
        const service = services.get(backend.name);
        if (!service)
          errors.push(
            `${name(ingress)}: ${path.path} goes to Service ${backend.name}, which is not rendered`,
          );
        else if (
          !(service.spec.ports ?? []).some(
            (p) =>
              p.name === backend.port.name || p.port === backend.port.number,
          )
        ) {
          errors.push(
            `${name(ingress)}: ${path.path} names a port Service ${backend.name} does not have`,
          );
        }
      }
    }
  }
  for (const object of [...byKind('HorizontalPodAutoscaler')]) {
    const target = object.spec.scaleTargetRef;
    if (
      !all.some(
        (o) => o.kind === target.kind && o.metadata.name === target.name,
      )
    ) {
      errors.push(
        `${name(object)}: scales ${target.kind} ${target.name}, which is not rendered`,
      );
    }
  }
  for (const object of [
    ...byKind('PodDisruptionBudget'),
    ...byKind('NetworkPolicy'),
  ]) {
    const selector =
      object.kind === 'NetworkPolicy'
        ? object.spec.podSelector
        : object.spec.selector;
    if (
      !pods.some(({ template }) =>
        matches(selector.matchLabels, template.metadata?.labels),
      )
    ) {
      errors.push(`${name(object)}: selects no pod`);
    }
  }
  return errors;
}

function manifestErrors(items) {
  return [...schemaErrors(items), ...typeErrors(items), ...chartErrors(items)];
}

// ------------------------------------------------------------------------------------ compose
const composeSchema = JSON.parse(
  readFileSync(
    join(
      resolve(require.resolve('dclint/package.json'), '..'),
      'schemas/compose.schema.json',
    ),
    'utf8',
  ),
);
// Draft-07, named by its https address, which ajv knows by its http one: compile it as draft-07.
if (!/draft-07/.test(composeSchema.$schema))
  throw new Error(`compose schema is ${composeSchema.$schema}, not draft-07`);
delete composeSchema.$schema;
const ajv = new Ajv({ allErrors: true, strict: false });
const validateCompose = ajv.compile(composeSchema);

/** ${VAR}, ${VAR:-default}, ${VAR-default} and $$ as Compose reads them with no .env file. */
function interpolate(value) {
  if (typeof value === 'string') {
    return value
      .replace(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?\}/g,
        (_, variable, fallback) =>
          process.env[`COMPOSE_TEST_${variable}`] ?? fallback ?? '',
      )
      .replace(/\$\$/g, '$');
  }
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolate(item)]),
    );
  }
  return value;
}

function composeErrors(text) {
  const document = parseDocument(text, { merge: true });
  if (document.errors.length)
    return [`not YAML: ${document.errors[0].message}`];
  const compose = interpolate(document.toJS({ maxAliasCount: 1000 }));
  const errors = [];
  if (!validateCompose(compose)) {
    for (const error of validateCompose.errors ?? []) {
      const extra = error.params?.additionalProperty
        ? ` (${error.params.additionalProperty})`
        : '';
      errors.push(`${error.instancePath || '/'}: ${error.message}${extra}`);
    }
  }
  const services = compose.services ?? {};
  const networks = new Set(Object.keys(compose.networks ?? {}));
  const volumes = new Set(Object.keys(compose.volumes ?? {}));
  for (const [service, spec] of Object.entries(services)) {
    const dependsOn = Array.isArray(spec.depends_on)
      ? spec.depends_on
      : Object.keys(spec.depends_on ?? {});
    for (const other of dependsOn) {
      if (!services[other])
        errors.push(`services.${service}.depends_on: no service ${other}`);
    }
    const serviceNetworks = Array.isArray(spec.networks)
      ? spec.networks
      : Object.keys(spec.networks ?? {});
    for (const network of serviceNetworks) {
      if (network !== 'default' && !networks.has(network))
        errors.push(`services.${service}.networks: no network ${network}`);
    }
    for (const volume of spec.volumes ?? []) {
      const source =
        typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      const named =
        source &&
        !source.startsWith('.') &&
        !source.startsWith('/') &&
        !source.startsWith('~');
      if (named && !volumes.has(source))
        errors.push(`services.${service}.volumes: no volume ${source}`);
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------- run
function report(label, errors) {
  if (errors.length) throw new Invalid(`${label}:\n  ${errors.join('\n  ')}`);
}

/** Each check must reject a broken input, or a green run means nothing. */
function selfTest(sample) {
  const expectRefusal = (what, run) => {
    try {
      run();
    } catch (error) {
      if (error instanceof Invalid) return;
      throw error;
    }
    throw new Error(`self-test: ${what} was accepted`);
  };
  const valuesFile = join(chart, 'ci/default-values.yaml');
  expectRefusal('a value of the wrong type and an unknown value', () =>
    render(valuesFile, [
      '--set',
      'api.replicaCount=two',
      '--set',
      'api.replicas=2',
    ]),
  );
  expectRefusal('a chart without a database', () => render(null));
  const deployment = structuredClone(
    sample.find(({ object }) => object.kind === 'Deployment'),
  );
  const container = deployment.object.spec.template.spec.containers[0];
  // A typo, as a person makes it: Kubernetes would drop the field and leave the root writable.
  const { readOnlyRootFilesystem, ...context } = container.securityContext;
  container.securityContext = {
    ...context,
    readOnlyRootFileSystem: readOnlyRootFilesystem,
  };
  const broken = [
    deployment,
    {
      ...deployment,
      object: {
        ...deployment.object,
        spec: { ...deployment.object.spec, replicas: 'two' },
      },
    },
  ];
  const found = [
    ...schemaErrors(broken.slice(1)),
    ...typeErrors(broken.slice(0, 1)),
  ];
  if (
    !found.some((e) => e.includes('replicas')) ||
    !found.some((e) => e.includes('readOnlyRootFileSystem'))
  ) {
    throw new Error(
      `self-test: a broken Deployment was accepted (${found.join('; ') || 'no error'})`,
    );
  }
  if (
    !chartErrors(broken.slice(0, 1)).some((e) =>
      e.includes('root filesystem is writable'),
    )
  ) {
    throw new Error('self-test: a writable root filesystem was accepted');
  }
  const brokenCompose = readFileSync(composeFile, 'utf8').replace(
    /^services:\n/m,
    'services:\n  typo:\n    imgae: x\n',
  );
  if (!composeErrors(brokenCompose).some((e) => e.includes('imgae'))) {
    throw new Error(
      'self-test: a compose service with an unknown key was accepted',
    );
  }
}

try {
  const valueSets = readdirSync(join(chart, 'ci'))
    .filter((file) => file.endsWith('-values.yaml'))
    .sort();
  if (valueSets.length < 2)
    throw new Invalid(`${rel(chart)}/ci: fewer than two value sets`);
  console.log(`helm ${HELM_VERSION} (${rel(helm)})`);
  let firstSet;
  for (const file of valueSets) {
    const valuesFile = join(chart, 'ci', file);
    lint(valuesFile);
    const items = manifests(render(valuesFile), file);
    firstSet ??= items;
    report(`${rel(chart)} with ci/${file}`, manifestErrors(items));
    const kinds = new Map();
    for (const { object } of items)
      kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
    console.log(
      `ok  chart with ci/${file}: ${items.length} manifests valid (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})`,
    );
  }
  report(rel(composeFile), composeErrors(readFileSync(composeFile, 'utf8')));
  console.log(
    `ok  ${rel(composeFile)}: Compose Specification schema and references`,
  );
  selfTest(firstSet);
  console.log('ok  self-test: each check rejects a broken input');
  console.log(
    `deploy validation passed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(error instanceof Invalid ? `INVALID ${error.message}` : error);
  process.exit(1);
}
