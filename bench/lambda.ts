/**
 * What the bench knows about the deployed functions, for the figures that
 * scale local measurements to Lambda. test/infra checks these sizes against
 * the synthesized stack.
 */

/** Each function's memory size (infra/coach-stack.ts, infra/coach-function.ts). */
export const functionMemoryMb = { web: 256, tick: 256, inbound: 512, 'ses-events': 256 } as const;

/** One of the stack's functions, as the bench names them. */
export type FunctionName = keyof typeof functionMemoryMb;

/**
 * Lambda gives a function CPU in proportion to its memory: at 1,769 MB it has
 * the equivalent of one vCPU
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).
 */
export const lambdaMbPerVcpu = 1769;

/** The share of one vCPU a function with `memoryMb` of memory gets. */
export function lambdaVcpuShare(memoryMb: number): number {
  return memoryMb / lambdaMbPerVcpu;
}
