// A StrykerJS ignorer (listed in stryker.config.mjs): leaves alone the text of error messages. A message
// says what a check refused; tests assert the refusal's `reason` and `code`, which stay mutated, and
// mutating the wording would only count survivors no test should pin. Ignored: the message argument of
// `invalidToken(reason, message)`, `wrongType(claimName)`, `parseJsonObject(text, what)`, the revocation receiver's `invalidRequest(message)` and
// `text(status, message)`, `new SomethingError(message, ...)` and `new LogoutTokenRefused(message)`, the text of a
// log line (`logger.warn(fields, message)`, any of debug, info, warn, error), the option name an option checker
// (`durationOption(name, ...)`) puts in its TypeError, with the string and template pieces
// it is built from, and the values of a `*_MESSAGES` table.
// Written without importing @stryker-mutator/api (a dependency of core Stryker, not of this repo):
// a plugin is `{ kind, name, value }`, and 'Ignore' is the kind of an ignorer.

const LITERALS = new Set(['StringLiteral', 'TemplateLiteral']);
// Expressions a message is composed through: `a ?? 'b'`, `c ? 'd' : 'e'`, `'f' + g`, `\`h${i}\``.
// Helpers whose argument at this index is only the text of a message.
const MESSAGE_ARGUMENT = { invalidToken: 1, wrongType: 0, invalidRequest: 0, text: 1, parseJsonObject: 1 };
const LOG_LEVELS = new Set(['debug', 'info', 'warn', 'error']);
const isErrorClass = (name) => name.endsWith('Error') || name === 'LogoutTokenRefused';
const COMPOSING = new Set(['LogicalExpression', 'ConditionalExpression', 'BinaryExpression', 'TemplateLiteral']);

function isMessageArgument(path) {
  const call = path.parentPath;
  if (call === null) return false;
  const index = call.node.arguments?.indexOf(path.node) ?? -1;
  if (index < 0) return false;
  const { callee } = call.node;
  if (call.isCallExpression() && callee.type === 'Identifier' && Object.hasOwn(MESSAGE_ARGUMENT, callee.name))
    return index === MESSAGE_ARGUMENT[callee.name];
  // The option checkers (`durationOption(name, value, fallback)`...) take the option's name for their messages.
  if (call.isCallExpression() && callee.type === 'Identifier' && callee.name.endsWith('Option')) return index === 0;
  if (call.isNewExpression() && callee.type === 'Identifier' && isErrorClass(callee.name)) return index === 0;
  if (
    (call.isCallExpression() || call.isOptionalCallExpression()) &&
    (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') &&
    callee.property.type === 'Identifier' &&
    LOG_LEVELS.has(callee.property.name)
  )
    return index === 1;
  return false;
}

function isMessageTableValue(path) {
  const property = path.parentPath;
  if (property === null || !property.isObjectProperty() || property.node.value !== path.node) return false;
  const declarator = property.parentPath?.parentPath;
  return (
    declarator?.isVariableDeclarator() === true &&
    declarator.node.id.type === 'Identifier' &&
    declarator.node.id.name.endsWith('_MESSAGES')
  );
}

function shouldIgnore(path) {
  if (!LITERALS.has(path.node.type)) return undefined;
  let current = path;
  while (true) {
    if (isMessageArgument(current) || isMessageTableValue(current)) return 'the text of an error message';
    const parent = current.parentPath;
    if (parent === null || !COMPOSING.has(parent.node.type)) return undefined;
    current = parent;
  }
}

export const strykerPlugins = [{ kind: 'Ignore', name: 'message-literals', value: { shouldIgnore } }];
