/* Access to the f registers by number, for the emulation of misaligned FLW/FLD/FSW/FSD.
 * The firmware is built without F/D (-march=rv64imac), so the fmv instructions are emitted as raw words:
 *   fmv.w.x fd, a1  = 0xf0000053 | rd << 7 | 11 << 15  (NaN-boxes the 32-bit value, F spec §12.2)
 *   fmv.d.x fd, a1  = 0xf2000053 | rd << 7 | 11 << 15
 *   fmv.x.w a0, fs  = 0xe0000053 | 10 << 7 | rs1 << 15 (sign-extends bits 31..0)
 *   fmv.x.d a0, fs  = 0xe2000053 | 10 << 7 | rs1 << 15
 * Each table entry is exactly 8 bytes (instruction + uncompressed ret); mstatus.FS must not be Off. */

.macro FP_TABLE name, base, shift_rd
  .text
  .balign 8
  .globl \name
\name:
  .option push
  .option norvc
  la t0, 1f
  slli t1, a0, 3
  add t0, t0, t1
  jr t0
  .balign 8
1:
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  .if \shift_rd
  .word \base | (\n << 7) | (11 << 15)
  .else
  .word \base | (10 << 7) | (\n << 15)
  .endif
  jalr x0, 0(ra)
  .endr
  .option pop
.endm

/* void fp_write_s(u64 reg, u64 bits32) / fp_write_d(u64 reg, u64 bits64) */
FP_TABLE fp_write_s, 0xf0000053, 1
FP_TABLE fp_write_d, 0xf2000053, 1
/* u64 fp_read_s(u64 reg) / fp_read_d(u64 reg) */
FP_TABLE fp_read_s, 0xe0000053, 0
FP_TABLE fp_read_d, 0xe2000053, 0
