// The ISA test table: one case per tests/isa/*.S, named for the behaviour it checks, with the extra assertions
// of the golden tests (exact mcycle, TLB slots, console bytes, break reasons; spec/cartesi-machine.md).
import { expect } from 'vitest';
import type { BreakReason, Machine } from '../../src/machine';

export const DEFAULT_MAX_MCYCLE = 2_000_000n;
const EMPTY_SLOT = { vaddrPage: 0xffff_ffff_ffff_ffffn, vpOffset: 0n, pmaIndex: 0xffff_ffff_ffff_ffffn };

/** Runs until a break other than the host-service ones (console input refill), which a test need not see. */
export function runToBreak(machine: Machine, maxMcycle: bigint): BreakReason {
  let reason = machine.run(maxMcycle);
  for (let refills = 0; reason.kind === 'console-input' && refills < 100; refills++) reason = machine.run(maxMcycle);
  return reason;
}

export interface IsaCase {
  /** Source name in tests/isa (without .S). */
  source: string;
  /** The behaviour it checks: the test's name. */
  behaviour: string;
  maxMcycle?: bigint;
  /** Expected halt code (default 0). */
  exitCode?: number;
  /** HTIF yield enable bits of the machine (default 3). */
  iyield?: number;
  /** Create an interactive machine (console GETCHAR enabled) with this console input, then closed. */
  consoleInput?: string;
  /** Create an interactive machine with no input yet (the driver supplies it). */
  interactiveWithoutInput?: boolean;
  /**
   * The program ends with PASS_COUNTED: s11 holds the mcycle read 6 instructions before the halting store, so
   * counting that store the run ends at s11 + 7 (§3.3: every instruction costs exactly one cycle).
   */
  countedPass?: boolean;
  /** Custom driver (for breaks other than a halt); returns the final break. */
  drive?: (machine: Machine) => BreakReason;
  /** Extra assertions on the halted machine. */
  after?: (machine: Machine) => void;
}

export const isaCases: IsaCase[] = [
  { source: 'rv64i-arith', behaviour: 'RV64I add/sub/slt/W forms, lui and auipc compute the specified results' },
  { source: 'rv64i-logic-shift', behaviour: 'RV64I logic and shifts (incl. W forms) mask shift amounts and sign-extend' },
  { source: 'rv64i-branch-jump', behaviour: 'RV64I branches and jal/jalr link pc+4 and clear bit 0 of jalr targets' },
  { source: 'rv64i-load-store', behaviour: 'RV64I loads and stores of every width sign- or zero-extend correctly' },
  { source: 'rv64m', behaviour: 'RV64M multiply/divide incl. division by zero and MIN/-1 follow the spec' },
  { source: 'rv64a-lrsc', behaviour: 'LR/SC succeed only with a matching reservation, which any SC consumes' },
  { source: 'rv64a-amo', behaviour: 'every AMO .w/.d returns the old value and stores the specified result' },
  { source: 'rv64c', behaviour: 'every RV64C form behaves as its expansion; c.ebreak and 0x0000 trap' },
  { source: 'rv64c-reserved', behaviour: 'reserved RV64C encodings are illegal with the 16-bit mtval; HINTs are no-ops' },
  { source: 'zcb', behaviour: 'the Zcb compressed forms of v0.21 execute; Zbb full-size forms are illegal' },
  { source: 'fpu', behaviour: 'F/D arithmetic, conversions, moves, NaN boxing, fclass and fcsr follow the spec' },
  { source: 'fpu-illegal', behaviour: 'FP with mstatus.FS=Off or a reserved rounding mode raises illegal instruction' },
  { source: 'zicsr', behaviour: 'CSR instructions, read-only CSRs, minstret writes and v0.21 ID values' },
  { source: 'csr-warl', behaviour: 'CSR writes are legalised by the WARL rules of v0.21' },
  { source: 'trap-ecall', behaviour: 'ecall from M/S/U, ebreak, illegal instructions and xRET update mode and CSRs' },
  { source: 'trap-access', behaviour: 'misaligned accesses raise 4/6 before access faults 1/5/7 with mtval' },
  { source: 'trap-delegation', behaviour: 'medeleg delegates S/U exceptions to S-mode; M-mode traps stay in M' },
  { source: 'privilege', behaviour: 'CSR privilege, counter enables, WFI legality, TW, TSR and TVM' },
  { source: 'interrupts', behaviour: 'interrupt enabling, priority, delegation and the check after CSR writes' },
  { source: 'interrupts-s', behaviour: 'delegated supervisor interrupts are taken in S in priority order; sip hides STIP/SEIP writes' },
  { source: 'self-modifying', behaviour: 'stored code runs as written, with or without fence.i (no instruction cache)' },
  {
    source: 'decode-cache',
    behaviour: 'cached decoded code is never stale: stores of every width, AMO/FP stores, the next instruction, page-crossing code, remapped and aliased pages',
  },
  {
    source: 'decode-cache-host',
    behaviour: 'a host write into guest memory replaces code that already ran (decoded) between two runs',
    drive: (machine) => {
      // The guest spins calling FUNC until it returns 2; several runs keep it spinning on decoded code.
      for (let i = 0; i < 3; i++) expect(machine.run(machine.mcycle + 20_000n)).toEqual({ kind: 'max-mcycle' });
      machine.writeMemory(0x8004_0000n, new Uint8Array([0x13, 0x05, 0x20, 0x00])); // addi a0, zero, 2
      return machine.run(machine.mcycle + 20_000n);
    },
  },
  { source: 'mmu-sv39', behaviour: 'Sv39 pages, superpages, A/D updates, permissions, SUM, MXR, MPRV and faults' },
  { source: 'mmu-sv48', behaviour: 'Sv48 four-level walks, terapages, reserved bits and the canonical rule' },
  { source: 'fetch-straddle', behaviour: 'a 32-bit instruction straddling two pages runs, and faults when the second is unmapped' },
  {
    source: 'memory-map',
    behaviour: 'the PMA array lists the v0.21 ranges and flags, and memory ranges allow only their accesses',
    after: (machine) => {
      // TLB slots hold the PMA index of the range (§5, §7.3): DTB 1, CMIO TX 2, CMIO RX 3, PMA array 7.
      expect(machine.readTlbSlot('read', 5)).toEqual({ vaddrPage: 0x7ff0_5000n, vpOffset: 0n, pmaIndex: 1n });
      expect(machine.readTlbSlot('write', 5)).toEqual({ vaddrPage: 0x7ff0_5000n, vpOffset: 0n, pmaIndex: 1n });
      expect(machine.readTlbSlot('write', 6)).toEqual({ vaddrPage: 0x6080_6000n, vpOffset: 0n, pmaIndex: 2n });
      expect(machine.readTlbSlot('read', 7)).toEqual({ vaddrPage: 0x6000_7000n, vpOffset: 0n, pmaIndex: 3n });
      expect(machine.readTlbSlot('read', 0x10)).toEqual({ vaddrPage: 0x1_0000n, vpOffset: 0n, pmaIndex: 7n });
    },
  },
  { source: 'plic', behaviour: 'PLIC registers accept aligned 32-bit accesses only and read as v0.21 does' },
  {
    source: 'golden-tlb-flush',
    behaviour: 'cached translations last until a privilege change, sfence.vma, or an MXR/SUM change flushes them',
  },
  {
    source: 'golden-msip-timing',
    behaviour: 'an msip store at mcycle 9 is taken with mepc = next and the handler reads mcycle 10',
    countedPass: true,
  },
  {
    source: 'golden-mtimecmp-1',
    behaviour: 'mtimecmp = 1 fires at mcycle 8192, and a rewrite fires again at the next tick',
    countedPass: true,
  },
  {
    source: 'golden-mtimecmp-wrap',
    behaviour: 'mtimecmp = 2^51 + 1 wraps to 8192 cycles and fires at mcycle 8192',
    countedPass: true,
  },
  { source: 'golden-mtimecmp-2pow51', behaviour: 'mtimecmp = 2^51 wraps to 0 and never fires', countedPass: true },
  { source: 'golden-mtimecmp-ones', behaviour: 'mtimecmp = all ones never fires', countedPass: true },
  {
    source: 'golden-htif-clint-invalid-ops',
    behaviour: 'HTIF/CLINT accesses of the wrong width or offset fault as observed, and device pages stay out of the TLB',
    after: (machine) => {
      // HTIF is page 0x40008000 (slot 8); CLINT pages 0x2000000, 0x2004000, 0x200b000 use slots 0, 4, 11.
      // Slot 0 is shared with the code page at 0x80000000, so only slots 4, 8 and 11 are checked (§5).
      for (const set of ['code', 'read', 'write'] as const) {
        for (const slot of [4, 8, 11]) {
          expect(machine.readTlbSlot(set, slot), `${set} slot ${slot}`).toEqual(EMPTY_SLOT);
        }
      }
    },
  },
  {
    source: 'golden-htif-ignored-commands',
    behaviour: 'unknown or disabled HTIF commands leave fromhost unchanged and the machine running',
    after: (machine) => {
      expect(new TextDecoder().decode(machine.takeConsoleOutput())).toBe('OK');
    },
  },
  {
    source: 'golden-htif-yield',
    behaviour: 'an automatic yield stops the run with its reason and data, and the next run resumes',
    drive: (machine) => {
      const first = machine.run(DEFAULT_MAX_MCYCLE);
      expect(first).toEqual({ kind: 'yielded', manual: false, reason: 2, data: 5 });
      return machine.run(DEFAULT_MAX_MCYCLE);
    },
  },
  {
    source: 'golden-htif-manual-yield',
    behaviour: 'a manual yield stops the run and keeps it stopped until the host clears iflags_Y',
    drive: (machine) => {
      const first = machine.run(DEFAULT_MAX_MCYCLE);
      expect(first).toEqual({ kind: 'yielded', manual: true, reason: 1, data: 0x20 });
      const mcycleAtYield = machine.mcycle;
      expect(machine.readCsr('iflags_Y')).toBe(1n);
      expect(machine.run(DEFAULT_MAX_MCYCLE)).toEqual(first);
      expect(machine.mcycle).toBe(mcycleAtYield);
      machine.writeCsr('iflags_Y', 0n);
      return machine.run(DEFAULT_MAX_MCYCLE);
    },
  },
  {
    source: 'golden-htif-yield-disabled',
    behaviour: 'with iyield = 0 both yield commands are ignored and the machine keeps running',
    iyield: 0,
  },
  {
    source: 'golden-htif-putchar-many',
    behaviour: 'every PUTCHAR byte reaches the host once and in order across console-output breaks',
    drive: (machine) => {
      const chunks: Uint8Array[] = [];
      let reason = machine.run(DEFAULT_MAX_MCYCLE);
      for (let drains = 0; reason.kind === 'console-output' && drains < 10_000; drains++) {
        chunks.push(machine.takeConsoleOutput());
        reason = machine.run(DEFAULT_MAX_MCYCLE);
      }
      chunks.push(machine.takeConsoleOutput());
      const text = chunks.map((chunk) => new TextDecoder().decode(chunk)).join('');
      const expected = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      expect(text).toBe(expected);
      return reason;
    },
  },
  {
    source: 'golden-tick-boundary',
    behaviour: 'an interrupt mid-block does not move the next tick: mtimecmp = 1 still fires at mcycle 8192',
    countedPass: true,
  },
  {
    source: 'golden-htif-getchar',
    behaviour: 'interactive GETCHAR answers byte + 1 synchronously and EOT + 1 once the input is closed',
    consoleInput: 'AB',
  },
  {
    source: 'golden-htif-getchar-empty',
    behaviour: 'GETCHAR with open but empty input replies DATA 0 and returns to the host for input',
    drive: (machine) => {
      // No input yet: the guest polls (DATA 0). §9.5 requires a console-input break only when a GETCHAR
      // empties the buffer, so a bounded run may also just reach its limit while the guest polls.
      const first = machine.run(machine.mcycle + 20_000n);
      expect(['console-input', 'max-mcycle']).toContain(first.kind);
      machine.pushConsoleInput(new TextEncoder().encode('Z'));
      machine.closeConsoleInput();
      return runToBreak(machine, DEFAULT_MAX_MCYCLE);
    },
    interactiveWithoutInput: true,
  },
  {
    source: 'golden-htif-halt-payload',
    behaviour: 'the halt exit code is DATA >> 1 from the 32-bit DATA field only, and a halted machine stays halted',
    exitCode: 42,
    drive: (machine) => {
      const first = machine.run(DEFAULT_MAX_MCYCLE);
      const mcycleAtHalt = machine.mcycle;
      expect(machine.run(DEFAULT_MAX_MCYCLE)).toEqual(first);
      expect(machine.mcycle).toBe(mcycleAtHalt);
      return first;
    },
  },
  {
    source: 'golden-htif-halt-amo',
    behaviour: 'an amoswap.d of a HALT command onto tohost halts like a store',
    exitCode: 9,
  },
  {
    source: 'golden-tlb-slots',
    behaviour: 'M-mode RAM accesses fill their TLB slot with {page, 0, PMA 0}; faults and devices leave slots empty',
    after: (machine) => {
      expect(machine.readTlbSlot('read', 1)).toEqual({ vaddrPage: 0x8000_1000n, vpOffset: 0n, pmaIndex: 0n });
      expect(machine.readTlbSlot('write', 2)).toEqual({ vaddrPage: 0x8000_2000n, vpOffset: 0n, pmaIndex: 0n });
      expect(machine.readTlbSlot('read', 3)).toEqual({ vaddrPage: 0x8000_3000n, vpOffset: 0n, pmaIndex: 0n });
      expect(machine.readTlbSlot('write', 3)).toEqual({ vaddrPage: 0x8000_3000n, vpOffset: 0n, pmaIndex: 0n });
      expect(machine.readTlbSlot('code', 0)).toEqual({ vaddrPage: 0x8000_0000n, vpOffset: 0n, pmaIndex: 0n });
      expect(machine.readTlbSlot('write', 1)).toEqual(EMPTY_SLOT);
      for (const set of ['code', 'read', 'write'] as const) {
        expect(machine.readTlbSlot(set, 5), `${set} slot 5 (faulting load)`).toEqual(EMPTY_SLOT);
        expect(machine.readTlbSlot(set, 8), `${set} slot 8 (HTIF)`).toEqual(EMPTY_SLOT);
      }
    },
  },
  {
    source: 'golden-lrsc-amo-faults',
    behaviour: 'LR, SC and AMO faults use the observed causes and the reservation follows privilege changes',
  },
  {
    source: 'golden-counters',
    behaviour: 'mcycle advances by one per instruction including faulting ones; minstret counts traps out',
    countedPass: true,
  },
];
