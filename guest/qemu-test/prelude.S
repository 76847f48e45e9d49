/* Test-only prelude for running the firmware under qemu's `spike` machine (guest/qemu-test/run.sh).
 * Never part of linux.bin.
 * - qemu models PMP and, with no PMP entry, refuses mret to S/U; a Cartesi machine has no PMP at all. So this
 *   grants S/U access to all memory (one NAPOT entry, RWX).
 * - qemu 7.2's spike ignores -dtb and passes its own tree in a1; run.sh loads ours at TEST_DTB_ADDRESS
 *   (outside the RAM the tree declares, as Cartesi's 0x7ff00000 is), and a1 is pointed there.
 * Then it jumps to the real entry. */
#define TEST_DTB_ADDRESS 0x8f000000
  .section .text.entry, "ax"
  .globl qemu_prelude
qemu_prelude:
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f
  csrw pmpcfg0, t0
  li a1, TEST_DTB_ADDRESS
  j _start

/* qemu's HTIF finds its registers through these ELF symbols (8 bytes each): put them where Cartesi has them. */
  .globl tohost
  .globl fromhost
  .set tohost, 0x40008000
  .size tohost, 8
  .set fromhost, 0x40008008
  .size fromhost, 8
