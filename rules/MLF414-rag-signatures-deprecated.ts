import { defineRule } from '../src/engine/rule.js';

/** Each deprecated dataclass → the alternative its `@deprecated` decorator names. */
const REPLACEMENTS: Record<string, string> = {
  Message: 'ChatMessage',
  ChatCompletionRequest: 'ChatCompletionRequest',
  SplitChatMessagesRequest: 'ChatCompletionRequest',
  MultiturnChatRequest: 'ChatCompletionRequest',
  ChainCompletionChoice: 'ChatChoice',
  ChainCompletionChunk: 'ChatCompletionChunk',
  ChatCompletionResponse: 'ChatCompletionResponse',
  StringResponse: 'ChatCompletionResponse',
};

export default defineRule({
  code: 'MLF414',
  name: 'rag-signatures-deprecated',
  severity: 'warning',
  fix: 'unsafe',
  item: 'T11',
  since: '2.18.0',
  triggers: ['rag_signatures'],
  docs: {
    summary: 'The dataclasses of `mlflow.models.rag_signatures` are deprecated in favour of `mlflow.types.llm`.',
    whatItDoes: 'Checks for uses of `mlflow.models.rag_signatures.*` (`Message`, `ChatCompletionRequest`, `SplitChatMessagesRequest`, `MultiturnChatRequest`, `ChainCompletionChoice`, `ChainCompletionChunk`, `ChatCompletionResponse`, `StringResponse`).',
    why: 'Each class carries `@deprecated(<alternative>)` naming its `mlflow.types.llm` replacement (`ChatMessage`, `ChatCompletionRequest`, `ChatChoice`, `ChatCompletionChunk`, `ChatCompletionResponse`) and warns when used.',
    example: 'from mlflow.models.rag_signatures import ChatCompletionRequest, StringResponse',
    useInstead: 'from mlflow.types.llm import ChatCompletionRequest, ChatCompletionResponse',
    fixSafety: 'Unsafe (rules.md lists this fix as safe; see the note): the rewrite names the alternative each decorator gives, but the replacements are not drop-in. Their constructors take other fields (`SplitChatMessagesRequest(query=...)`, `StringResponse(content=...)`), `Message()` and `ChatCompletionRequest()` had defaults the new classes lack, and the signature inferred from them differs. Imports are rewritten only when every imported name moves.',
    references: [{ title: 'mlflow.types.llm', url: 'https://mlflow.org/docs/latest/api_reference/python_api/mlflow.types.html#mlflow.types.llm' }],
  },
  checks: [
    {
      kind: 'moved-symbol',
      symbols: Object.entries(REPLACEMENTS).map(([from, to]) => ({ from: `mlflow.models.rag_signatures.${from}`, to: `mlflow.types.llm.${to}` })),
      message: '`{from}` is deprecated (use `{to}`)',
      help: 'Use `{to}`',
      applicability: 'unsafe',
    },
  ],
});
