// Drives the real, unmodified node-appwrite SDK against a FieldSync server.
// Reads a plan from stdin: { endpoint, project, calls: [ { op, credential, functionId, payload, body, async, style, executionId, waitDone, queries } ] }
// and prints one JSON line: the result of every call, in order — the execution (with its responseBody parsed as JSON, as a
// front end does) or the AppwriteException the SDK threw (name, code, type, message).
import { readFileSync } from 'node:fs';
import { Client, Functions, AppwriteException } from 'node-appwrite';

const plan = JSON.parse(readFileSync(0, 'utf8'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function functionsFor(credential = {}) {
  const client = new Client().setEndpoint(plan.endpoint).setProject(credential.project ?? plan.project);
  if (credential.jwt) client.setJWT(credential.jwt);
  if (credential.key) client.setKey(credential.key);
  return new Functions(client);
}

// "$2" names the execution id of the result of call 2.
const idOf = (reference, results) =>
  typeof reference === 'string' && reference.startsWith('$') ? results[Number(reference.slice(1))].execution.$id : reference;

function parsed(execution) {
  let responseJson = null;
  try {
    responseJson = execution.responseBody ? JSON.parse(execution.responseBody) : null;
  } catch {
    responseJson = null;
  }
  return { ok: true, execution, responseJson };
}

async function run(call, results) {
  const functions = functionsFor(call.credential);
  const body = call.body ?? (call.payload === undefined ? undefined : JSON.stringify(call.payload));
  switch (call.op ?? 'create') {
    case 'create':
      return call.style === 'positional'
        ? functions.createExecution(call.functionId, body, call.async)
        : functions.createExecution({ functionId: call.functionId, body, async: call.async });
    case 'get': {
      const executionId = idOf(call.executionId, results);
      // Bounded: an asynchronous execution of this test suite finishes well within these tries.
      for (let attempt = 0; ; attempt++) {
        const execution = await functions.getExecution({ functionId: call.functionId, executionId });
        if (!call.waitDone || ['completed', 'failed'].includes(execution.status) || attempt >= 400) return execution;
        await sleep(50);
      }
    }
    case 'list':
      return functions.listExecutions({ functionId: call.functionId, queries: call.queries });
    default:
      throw new Error(`unknown op ${call.op}`);
  }
}

const results = [];
for (const call of plan.calls) {
  try {
    const answer = await run(call, results);
    results.push(call.op === 'list' ? { ok: true, list: answer } : parsed(answer));
  } catch (e) {
    if (!(e instanceof AppwriteException)) throw e;
    results.push({ ok: false, error: { name: e.name, code: e.code, type: e.type, message: e.message } });
  }
}

process.stdout.write(JSON.stringify(results) + '\n');
