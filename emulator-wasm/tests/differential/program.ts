// Random straight-line RV64GC programs for differential runs (tests/differential.test.ts): registers start
// from seeded random values, a few hundred random user-level instructions run (integer, M, A, loads/stores
// to a scratch buffer, F/D arithmetic with static rounding modes), then every x and f register and fcsr is
// printed in hex through HTIF PUTCHAR. The same image runs on the emulator and on qemu-system-riscv64, whose
// outputs must be equal. Only behaviour where Cartesi and QEMU agree is generated: aligned accesses only, no
// CSRs but fcsr, no traps.

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export type ProgramKind = 'integer' | 'float';

const SCRATCH_BYTES = 256;
// x4 (tp) holds the scratch buffer's address and is never written; x3 (gp) is the halt code register.
const WRITABLE_X = [1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];
const ROUNDING = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];

const INT_RRR = [
  'add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'addw', 'subw', 'sllw', 'srlw', 'sraw',
  'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu', 'mulw', 'divw', 'divuw', 'remw', 'remuw',
];
const INT_RRI = ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw'];
const INT_SHIFT = ['slli', 'srli', 'srai'];
const INT_SHIFTW = ['slliw', 'srliw', 'sraiw'];
const LOADS: Array<[string, number]> = [['lb', 1], ['lbu', 1], ['lh', 2], ['lhu', 2], ['lw', 4], ['lwu', 4], ['ld', 8]];
const STORES: Array<[string, number]> = [['sb', 1], ['sh', 2], ['sw', 4], ['sd', 8]];
const AMOS = ['amoswap', 'amoadd', 'amoxor', 'amoand', 'amoor', 'amomin', 'amomax', 'amominu', 'amomaxu'];
const FP_BIN = ['fadd', 'fsub', 'fmul', 'fdiv'];
const FP_NO_RM = ['fmin', 'fmax', 'fsgnj', 'fsgnjn', 'fsgnjx'];
const FP_FUSED = ['fmadd', 'fmsub', 'fnmsub', 'fnmadd'];
const FP_CMP = ['feq', 'flt', 'fle'];

function hex64(random: () => number): string {
  return `0x${random().toString(16).padStart(8, '0')}${random().toString(16).padStart(8, '0')}`;
}

/** Interesting 64-bit patterns mixed into the random register values. */
const SPECIAL = [
  '0', '1', '-1', '0x8000000000000000', '0x7fffffffffffffff', '0xffffffff80000000', '0x7fffffff', '0x80000000',
  '0xffffffff00000000', '0x7ff8000000000000', '0x7ff0000000000001', '0xfff0000000000000', '0x0000000000000001',
  '0x3ff0000000000000', '0x8000000000000000', '0xffffffff7fc00000', '0xffffffff7f800001', '0xffffffff00000001',
  '0xffffffff3f800000', '0x000fffffffffffff',
];

function value(random: () => number): string {
  return random() % 4 === 0 ? SPECIAL[random() % SPECIAL.length] : hex64(random);
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[random() % list.length];
}

function signedImm12(random: () => number): number {
  return (random() % 4096) - 2048;
}

function integerInstruction(random: () => number): string[] {
  const rd = `x${pick(random, WRITABLE_X)}`;
  const rs1 = `x${random() % 32}`;
  const rs2 = `x${random() % 32}`;
  switch (random() % 10) {
    case 0:
    case 1:
    case 2:
      return [`${pick(random, INT_RRR)} ${rd}, ${rs1}, ${rs2}`];
    case 3:
      return [`${pick(random, INT_RRI)} ${rd}, ${rs1}, ${signedImm12(random)}`];
    case 4:
      return random() % 2 === 0
        ? [`${pick(random, INT_SHIFT)} ${rd}, ${rs1}, ${random() % 64}`]
        : [`${pick(random, INT_SHIFTW)} ${rd}, ${rs1}, ${random() % 32}`];
    case 5:
      return [random() % 2 === 0 ? `lui ${rd}, ${random() % 0x100000}` : `auipc ${rd}, ${random() % 0x100000}`];
    case 6: {
      const [op, width] = pick(random, LOADS);
      return [`${op} ${rd}, ${width * (random() % (SCRATCH_BYTES / width))}(tp)`];
    }
    case 7: {
      const [op, width] = pick(random, STORES);
      return [`${op} ${rs2}, ${width * (random() % (SCRATCH_BYTES / width))}(tp)`];
    }
    case 8: {
      const width = random() % 2 === 0 ? 4 : 8;
      const offset = width * (random() % (SCRATCH_BYTES / width));
      const suffix = width === 4 ? 'w' : 'd';
      return [`addi x31, tp, ${offset}`, `${pick(random, AMOS)}.${suffix} ${rd}, ${rs2}, (x31)`];
    }
    default: {
      // an LR/SC pair on the same address succeeds; rd of the SC gets 0 (x31 holds the address: not a target)
      const offset = 8 * (random() % (SCRATCH_BYTES / 8));
      const notAddress = WRITABLE_X.filter((r) => r !== 31);
      return [`addi x31, tp, ${offset}`, `lr.d x${pick(random, notAddress)}, (x31)`, `sc.d x${pick(random, notAddress)}, ${rs2}, (x31)`];
    }
  }
}

function floatInstruction(random: () => number): string[] {
  const fmt = random() % 2 === 0 ? 's' : 'd';
  const fd = `f${random() % 32}`;
  const fs1 = `f${random() % 32}`;
  const fs2 = `f${random() % 32}`;
  const fs3 = `f${random() % 32}`;
  const rd = `x${pick(random, WRITABLE_X)}`;
  const rs1 = `x${random() % 32}`;
  const rm = pick(random, ROUNDING);
  switch (random() % 12) {
    case 11:
      // a fresh operand now and then, so results do not all decay into NaNs
      return [`li x31, ${value(random)}`, `fmv.d.x ${fd}, x31`];
    case 0:
    case 1:
    case 2:
      return [`${pick(random, FP_BIN)}.${fmt} ${fd}, ${fs1}, ${fs2}, ${rm}`];
    case 3:
      return [`fsqrt.${fmt} ${fd}, ${fs1}, ${rm}`];
    case 4:
      return [`${pick(random, FP_NO_RM)}.${fmt} ${fd}, ${fs1}, ${fs2}`];
    case 5:
      return [`${pick(random, FP_FUSED)}.${fmt} ${fd}, ${fs1}, ${fs2}, ${fs3}, ${rm}`];
    case 6:
      return [`${pick(random, FP_CMP)}.${fmt} ${rd}, ${fs1}, ${fs2}`, `fclass.${fmt} ${rd}, ${fs1}`];
    case 7: {
      const to = pick(random, ['w', 'wu', 'l', 'lu']);
      return [`fcvt.${to}.${fmt} ${rd}, ${fs1}, ${rm}`];
    }
    case 8: {
      const from = pick(random, ['w', 'wu', 'l', 'lu']);
      // int → double from 32 bits is exact: the assembler takes no rounding mode there
      const exact = fmt === 'd' && (from === 'w' || from === 'wu');
      return [`fcvt.${fmt}.${from} ${fd}, ${rs1}${exact ? '' : `, ${rm}`}`];
    }
    case 9:
      return [fmt === 's' ? `fcvt.s.d ${fd}, ${fs1}, ${rm}` : `fcvt.d.s ${fd}, ${fs1}`];
    default:
      return fmt === 's'
        ? [`fmv.x.w ${rd}, ${fs1}`, `fmv.w.x ${fd}, ${rs1}`]
        : [`fmv.x.d ${rd}, ${fs1}`, `fmv.d.x ${fd}, ${rs1}`];
  }
}

/** Assembly source of one random program (includes test-macros.h; halts with code 0 after the dump). */
export function randomProgram(kind: ProgramKind, seed: number, instructionCount: number): string {
  const random = prng(seed * 7919 + (kind === 'float' ? 1 : 0));
  const lines: string[] = ['#include "test-macros.h"', '  TEST_START', '  FP_ENABLE', '  la tp, scratch'];
  for (const r of WRITABLE_X) lines.push(`  li x${r}, ${value(random)}`);
  for (let f = 0; f < 32; f++) {
    lines.push(`  li x31, ${value(random)}`, `  fmv.d.x f${f}, x31`);
  }
  lines.push(`  li x31, ${value(random)}`);
  lines.push('  csrw fcsr, zero');
  for (let i = 0; i < instructionCount; i++) {
    const insns = kind === 'float' && random() % 4 !== 0 ? floatInstruction(random) : integerInstruction(random);
    for (const insn of insns) lines.push(`  ${insn}`);
  }
  lines.push('  j dump', DUMP_ROUTINE, '  TEST_END', '  .data', '  .align 3', `scratch: .fill ${SCRATCH_BYTES}, 1, 0x5a`);
  lines.push('dump_area: .fill 65 * 8, 1, 0');
  return lines.join('\n') + '\n';
}

// Stores x1..x31, f0..f31 and fcsr, then prints each as 16 hex digits and a newline through HTIF PUTCHAR.
const DUMP_ROUTINE = `
dump:
  la gp, dump_area
${Array.from({ length: 31 }, (_, i) => `  sd x${i + 1}, ${(i + 1) * 8}(gp)`).filter((l) => !l.includes(' x3,')).join('\n')}
  la t0, dump_area
  sd zero, 0(t0)
  sd gp, 24(t0)
${Array.from({ length: 32 }, (_, i) => `  fsd f${i}, ${(32 + i) * 8}(t0)`).join('\n')}
  frcsr t1
  sd t1, 64 * 8(t0)
  li s0, TOHOST
  li s1, (1 << 56) | (1 << 48)
  li s2, 65                      // words to print
  mv s3, t0
1:
  ld s4, 0(s3)
  li s5, 60                      // shift of the next nibble
2:
  srl t1, s4, s5
  andi t1, t1, 15
  li t2, 10
  blt t1, t2, 3f
  addi t1, t1, 'a' - 10 - '0'
3:
  addi t1, t1, '0'
  or t1, t1, s1
  call putchar
  addi s5, s5, -4
  bgez s5, 2b
  li t1, '\\n'
  or t1, t1, s1
  call putchar
  addi s3, s3, 8
  addi s2, s2, -1
  bnez s2, 1b
  li gp, 0
  j pass
// HTIF protocol: write tohost, wait for the acknowledgement in fromhost, clear fromhost.
putchar:
  sd t1, 0(s0)
4:
  ld t2, 8(s0)
  beqz t2, 4b
  sd zero, 8(s0)
  ret
`;
