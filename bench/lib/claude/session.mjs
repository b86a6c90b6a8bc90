// A whole Claude Code session: prompts, model calls with tool use, sub-agents in their own files,
// and the metadata lines around them, until the session's byte budget is spent.
import { agentId as newAgentId, uuid } from './ids.mjs';
import { prose, sentence } from './text.mjs';
import { toolCall } from './tools.mjs';
import { Transcript } from './transcript.mjs';

const VERSIONS = ['2.0.14', '2.0.22', '2.0.31', '2.0.42', '2.0.50', '2.0.61', '2.1.3', '2.1.12'];

// Shares chosen to look like a mixed team: mostly Sonnet, some Opus, Haiku for quick work.
const MODELS = [
  [40, 'claude-sonnet-4-5-20250929'],
  [12, 'claude-sonnet-4-20250514'],
  [20, 'claude-opus-4-5-20251101'],
  [8, 'claude-opus-4-1-20250805'],
  [10, 'claude-haiku-4-5-20251001'],
  [10, 'claude-sonnet-4-6'],
];

const SUBAGENT_TYPES = ['general-purpose', 'Explore', 'Plan', 'code-reviewer'];

/** Tool-using requests until the model answers in text; returns the uuid of the last line. */
const agentLoop = (t, rng, maxRequests, spawnSubagent, overBudget) => {
  const requests = Math.max(1, Math.min(maxRequests, Math.round(rng.logNormal(5, 0.8))));
  for (let r = 0; r < requests; r++) {
    const last = r === requests - 1 || overBudget();
    const blocks = [];
    if (t.thinking && rng.chance(0.6)) blocks.push(t.thinkingBlock());
    if (last) {
      blocks.push(t.textBlock(Math.round(rng.logNormal(600, 0.9))));
      t.assistant(blocks, 'end_turn');
      break;
    }
    if (rng.chance(0.5)) blocks.push(t.textBlock(rng.int(40, 300)));
    const uses = [];
    const parallel = rng.chance(0.2) ? rng.int(2, 4) : 1;
    for (let i = 0; i < parallel; i++) {
      if (spawnSubagent && rng.chance(0.04)) {
        const input = { description: sentence(rng, 3, 6).slice(0, -1), prompt: prose(rng, rng.int(300, 1500)), subagent_type: rng.pick(SUBAGENT_TYPES) };
        uses.push({ block: t.toolUse('Task', input), task: input });
      } else {
        const result = toolCall(rng, t.project);
        uses.push({ block: t.toolUse(result.name, result.input), result });
      }
    }
    blocks.push(...uses.map((u) => u.block));
    const source = t.assistant(blocks, 'tool_use');
    for (const u of uses) {
      const result = u.task ? spawnSubagent(u.task) : u.result;
      t.tick(100, u.result?.name === 'Bash' ? 20_000 : 1500);
      t.toolResult(u.block, result, source);
    }
    if (rng.chance(0.01)) {
      t.interrupted();
      break;
    }
    t.maybeCompact();
  }
};

/**
 * Generates one session.
 * @returns {{ main: Transcript, subagents: Transcript[] }}
 */
export const generateSession = ({ rng, project, sessionId, startMs, budgetBytes }) => {
  const model = rng.weighted(MODELS);
  // A few Sonnet 4.5 sessions use the 1M-token window and start with a large codebase already in context,
  // so their requests cross the 200k-token price tier.
  const longContext = model.startsWith('claude-sonnet-4-5') && rng.chance(0.05);
  const common = { project, sessionId, version: rng.pick(VERSIONS), branch: rng.pick(project.branches), cache1h: rng.chance(0.2), thinking: rng.chance(0.5) };
  const main = new Transcript({ ...common, rng, model, startMs, contextLimit: longContext ? 450_000 : 155_000, systemTokens: rng.int(14_000, 24_000) + (longContext ? rng.int(170_000, 260_000) : 0) });
  const subagents = [];
  const written = () => main.bytes + subagents.reduce((a, s) => a + s.bytes, 0);
  const overBudget = () => written() >= budgetBytes;

  const spawnSubagent = (task) => {
    const sub = new Transcript({
      ...common,
      rng: rng.fork(`agent-${subagents.length}`),
      model: rng.chance(0.5) ? 'claude-haiku-4-5-20251001' : model,
      startMs: main.clock,
      agentId: newAgentId(rng),
      contextLimit: 155_000,
      systemTokens: rng.int(6_000, 12_000),
    });
    subagents.push(sub);
    const started = sub.clock;
    sub.userPrompt(task.prompt);
    agentLoop(sub, sub.rng, 25, undefined, overBudget);
    const answer = prose(sub.rng, sub.rng.int(400, 4000));
    main.clock = sub.clock + 500;
    const content = [{ type: 'text', text: answer }];
    return {
      content,
      toolUseResult: { status: 'completed', prompt: task.prompt, agentId: sub.agentId, content, totalDurationMs: sub.clock - started, totalTokens: sub.context, totalToolUseCount: sub.toolUses, usage: { input_tokens: 4, output_tokens: 300 } },
      isError: false,
    };
  };

  if (rng.chance(0.15)) main.summary();
  do {
    const promptUuid = uuid(rng);
    if (rng.chance(0.6)) main.fileSnapshot(promptUuid);
    if (rng.chance(0.05)) main.metaCommand();
    main.userPrompt(prose(rng, Math.round(rng.logNormal(250, 1.0))), { thinkingMetadata: { level: 'high', disabled: false, triggers: [] }, todos: [] }, promptUuid);
    if (rng.chance(0.02)) main.apiError();
    agentLoop(main, rng, 40, spawnSubagent, overBudget);
    main.maybeCompact();
    // Time between prompts: mostly reading the answer, sometimes a coffee break (cache goes cold).
    main.tick(10_000, rng.chance(0.2) ? 3_600_000 : 240_000);
  } while (!overBudget());
  return { main, subagents };
};
