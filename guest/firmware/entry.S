/* Reset entry and M-mode trap entry.
 * Reset state (spec/cartesi-machine.md §13): pc = 0x80000000, M-mode, a0 = hart id 0, a1 = device tree
 * at 0x7ff00000, every other register and CSR zero. */

#define FRAME_BYTES (34 * 8)
#define FRAME_MEPC (32 * 8)
#define FRAME_MSTATUS (33 * 8)

  .section .text.entry, "ax"
  .globl _start
_start:
  /* Keep the device-tree pointer in a callee-saved register across the C calls. */
  mv s1, a1
  la sp, __stack_top
  /* mscratch holds the M-mode stack top while S or U runs; 0 means "already inside the firmware". */
  csrw mscratch, zero
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  la t0, trap_entry
  csrw mtvec, t0
  mv a0, s1
  call firmware_setup
  /* firmware_setup left mepc = kernel entry and mstatus.MPP = S. Linux's boot protocol:
   * a0 = hart id, a1 = device tree. */
  la t0, __stack_top
  csrw mscratch, t0
  li a0, 0
  mv a1, s1
  mret

/* Every trap to M-mode from S or U comes here (direct mode: Cartesi clears mtvec's low bits, §3.2). */
  .text
  .balign 4
  .globl trap_entry
trap_entry:
  csrrw sp, mscratch, sp
  beqz sp, trap_from_firmware
  addi sp, sp, -FRAME_BYTES
  sd x1, 1*8(sp)
  sd x3, 3*8(sp)
  sd x4, 4*8(sp)
  sd x5, 5*8(sp)
  sd x6, 6*8(sp)
  sd x7, 7*8(sp)
  sd x8, 8*8(sp)
  sd x9, 9*8(sp)
  sd x10, 10*8(sp)
  sd x11, 11*8(sp)
  sd x12, 12*8(sp)
  sd x13, 13*8(sp)
  sd x14, 14*8(sp)
  sd x15, 15*8(sp)
  sd x16, 16*8(sp)
  sd x17, 17*8(sp)
  sd x18, 18*8(sp)
  sd x19, 19*8(sp)
  sd x20, 20*8(sp)
  sd x21, 21*8(sp)
  sd x22, 22*8(sp)
  sd x23, 23*8(sp)
  sd x24, 24*8(sp)
  sd x25, 25*8(sp)
  sd x26, 26*8(sp)
  sd x27, 27*8(sp)
  sd x28, 28*8(sp)
  sd x29, 29*8(sp)
  sd x30, 30*8(sp)
  sd x31, 31*8(sp)
  /* The interrupted sp, swapped into mscratch above; then mark "inside the firmware". */
  csrrw t0, mscratch, zero
  sd t0, 2*8(sp)
  sd zero, 0(sp)
  csrr t0, mepc
  sd t0, FRAME_MEPC(sp)
  csrr t0, mstatus
  sd t0, FRAME_MSTATUS(sp)

  mv a0, sp
  call trap_handler

  /* Handlers edit mepc and mstatus in the frame (return address, MPP for a redirect to S). */
  ld t0, FRAME_MSTATUS(sp)
  csrw mstatus, t0
  ld t0, FRAME_MEPC(sp)
  csrw mepc, t0
  addi t0, sp, FRAME_BYTES
  csrw mscratch, t0
  ld x1, 1*8(sp)
  ld x3, 3*8(sp)
  ld x4, 4*8(sp)
  ld x5, 5*8(sp)
  ld x6, 6*8(sp)
  ld x7, 7*8(sp)
  ld x8, 8*8(sp)
  ld x9, 9*8(sp)
  ld x10, 10*8(sp)
  ld x11, 11*8(sp)
  ld x12, 12*8(sp)
  ld x13, 13*8(sp)
  ld x14, 14*8(sp)
  ld x15, 15*8(sp)
  ld x16, 16*8(sp)
  ld x17, 17*8(sp)
  ld x18, 18*8(sp)
  ld x19, 19*8(sp)
  ld x20, 20*8(sp)
  ld x21, 21*8(sp)
  ld x22, 22*8(sp)
  ld x23, 23*8(sp)
  ld x24, 24*8(sp)
  ld x25, 25*8(sp)
  ld x26, 26*8(sp)
  ld x27, 27*8(sp)
  ld x28, 28*8(sp)
  ld x29, 29*8(sp)
  ld x30, 30*8(sp)
  ld x31, 31*8(sp)
  ld x2, 2*8(sp)
  mret

/* A trap taken while the firmware itself runs (mscratch was 0) is a firmware bug or a fault at boot:
 * undo the swap (sp back to the firmware's own stack), report it and halt. */
trap_from_firmware:
  csrrw sp, mscratch, sp
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  call firmware_fatal_trap
3:
  j 3b
