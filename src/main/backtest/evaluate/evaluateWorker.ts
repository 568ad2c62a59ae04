import { parentPort } from 'node:worker_threads';
import { servePoolTasks } from '../sweep/workerPool';
import { evaluateSession, type SessionTask } from './sessionEvaluation';

/**
 * Worker-thread entry of `scalpdesk evaluate`: replays each session it is sent with a fresh engine
 * and posts back the evaluation. Nothing is shared between sessions, so results do not depend on which
 * worker ran what.
 */
if (parentPort !== null) servePoolTasks<SessionTask>(parentPort, evaluateSession);
