/**
 * The device tree cartesi-machine v0.21 generates for a config (`src/dtb.cpp`), node for node and
 * property for property in the order of cartesi-machine.md §12.2, so the blob (which is hashed) is
 * byte-exact.
 */
import type { MachineConfig } from './config';
import { CartiError } from './errors';
import { FdtBuilder } from './fdt';
import { requireStarts } from './layout';
import { rngSeed } from './rng-seed';
import {
  CLINT_LENGTH,
  CLINT_START,
  CMIO_RX_BUFFER_LENGTH,
  CMIO_RX_BUFFER_START,
  CMIO_TX_BUFFER_LENGTH,
  CMIO_TX_BUFFER_START,
  DTB_VERSION_STRING,
  FW_RESV_LENGTH,
  HTIF_LENGTH,
  HTIF_START,
  HTIF_YIELD_AUTOMATIC_MASK,
  HTIF_YIELD_MANUAL_MASK,
  ISA_STRING,
  MMU_TYPE,
  PLIC_LENGTH,
  PLIC_START,
  RAM_START,
  RTC_CLOCK_FREQ,
  TIMEBASE_FREQUENCY,
} from './constants';

// phandles fixed by the emulator (§12.2)
const INTC_PHANDLE = 1;
const PLIC_PHANDLE = 2;
// interrupt numbers on the cpu interrupt controller (§10, §11, §12.2)
const IRQ_M_SOFT = 3;
const IRQ_M_TIMER = 7;
const IRQ_S_EXT = 9;
const IRQ_M_EXT = 11;
const IRQ_HTIF = 13;
const PLIC_SOURCES = 31;

/** The v0.21 device tree of `config` (automatic starts are placed as the emulator does). */
export function buildDtb(config: MachineConfig): Uint8Array {
  const starts = requireStarts(config, 'machine config');
  requireLengths(config);
  const fdt = new FdtBuilder();
  fdt.beginNode('');
  fdt.propU32('#address-cells', 2).propU32('#size-cells', 2);
  fdt.propString('compatible', 'ucbbar,riscvemu-bar_dev').propString('model', 'ucbbar,riscvemu-bare');

  fdt.beginNode('chosen');
  fdt.propString('bootargs', config.dtb.bootargs).propBytes('rng-seed', rngSeed());
  fdt.endNode();

  fdt.beginNode('cartesi-machine');
  fdt.propString('version', DTB_VERSION_STRING);
  fdt.propText('init', config.dtb.init).propText('entrypoint', config.dtb.entrypoint);
  fdt.endNode();

  writeCpus(fdt);
  writeSoc(fdt);

  fdt.beginNodeAt('memory', RAM_START);
  fdt.propString('device_type', 'memory').propReg64('reg', [[RAM_START, config.ram.length]]);
  fdt.endNode();

  fdt.beginNode('reserved-memory');
  fdt.propU32('#address-cells', 2).propU32('#size-cells', 2).propEmpty('ranges');
  fdt.beginNodeAt('fw_resv', RAM_START).propReg64('reg', [[RAM_START, FW_RESV_LENGTH]]).propEmpty('no-map').endNode();
  fdt.endNode();

  config.flash_drive.forEach((drive, i) => {
    fdt.beginNodeAt('pmem', starts.flashDrives[i]);
    fdt.propString('compatible', 'pmem-region');
    fdt.propReg64('reg', [[starts.flashDrives[i], drive.length as bigint]]).propEmpty('volatile');
    fdt.endNode();
  });
  config.nvram.forEach((nvram, i) => {
    fdt.beginNodeAt('uio', starts.nvrams[i]);
    fdt.propString('compatible', 'generic-uio').propReg64('reg', [[starts.nvrams[i], nvram.length as bigint]]);
    fdt.endNode();
  });

  if (config.flash_drive.length + config.nvram.length > 0) {
    fdt.beginNode('aliases');
    config.flash_drive.forEach((drive, i) => {
      const path = `/pmem@${starts.flashDrives[i].toString(16)}`;
      fdt.propString(`flashdrive${i}`, path);
      if (drive.label !== undefined) fdt.propString(drive.label, path);
    });
    config.nvram.forEach((nvram, i) => {
      const path = `/uio@${starts.nvrams[i].toString(16)}`;
      fdt.propString(`nvram${i}`, path);
      if (nvram.label !== undefined) fdt.propString(nvram.label, path);
    });
    fdt.endNode();
  }

  fdt.beginNode('cmio');
  fdt.propU32('#address-cells', 2).propU32('#size-cells', 2).propString('compatible', 'ctsi-cmio');
  fdt.beginNodeAt('rx_buffer', CMIO_RX_BUFFER_START).propReg64('reg', [[CMIO_RX_BUFFER_START, CMIO_RX_BUFFER_LENGTH]]).endNode();
  fdt.beginNodeAt('tx_buffer', CMIO_TX_BUFFER_START).propReg64('reg', [[CMIO_TX_BUFFER_START, CMIO_TX_BUFFER_LENGTH]]).endNode();
  fdt.endNode();

  const { iyield } = config.htif;
  if (iyield !== 0n) {
    fdt.beginNode('yield').propString('compatible', 'ctsi-yield');
    if ((iyield & HTIF_YIELD_MANUAL_MASK) !== 0n) fdt.propEmpty('manual');
    if ((iyield & HTIF_YIELD_AUTOMATIC_MASK) !== 0n) fdt.propEmpty('automatic');
    fdt.endNode();
  }

  fdt.endNode();
  return fdt.finish();
}

function writeCpus(fdt: FdtBuilder): void {
  fdt.beginNode('cpus');
  fdt.propU32('#address-cells', 1).propU32('#size-cells', 0).propU32('timebase-frequency', TIMEBASE_FREQUENCY);
  fdt.beginNodeAt('cpu', 0n);
  fdt.propString('device_type', 'cpu').propU32('reg', 0).propString('status', 'okay');
  fdt.propString('compatible', 'riscv').propString('riscv,isa', ISA_STRING).propString('mmu-type', MMU_TYPE);
  fdt.propU32('clock-frequency', RTC_CLOCK_FREQ);
  fdt.beginNode('interrupt-controller');
  fdt.propU32('#address-cells', 0).propU32('#interrupt-cells', 1).propEmpty('interrupt-controller');
  fdt.propString('compatible', 'riscv,cpu-intc').propU32('phandle', INTC_PHANDLE);
  fdt.endNode();
  fdt.endNode();
  fdt.endNode();
}

function writeSoc(fdt: FdtBuilder): void {
  fdt.beginNode('soc');
  fdt.propU32('#address-cells', 2).propU32('#size-cells', 2);
  fdt.propStringList('compatible', ['ucbbar,riscvemu-bar-soc', 'simple-bus']).propEmpty('ranges');

  fdt.beginNodeAt('clint', CLINT_START);
  fdt.propString('compatible', 'riscv,clint0').propReg64('reg', [[CLINT_START, CLINT_LENGTH]]);
  fdt.propCells('interrupts-extended', [INTC_PHANDLE, IRQ_M_SOFT, INTC_PHANDLE, IRQ_M_TIMER]);
  fdt.endNode();

  fdt.beginNodeAt('plic', PLIC_START);
  fdt.propU32('#interrupt-cells', 1).propEmpty('interrupt-controller').propString('compatible', 'riscv,plic0');
  fdt.propU32('riscv,ndev', PLIC_SOURCES).propReg64('reg', [[PLIC_START, PLIC_LENGTH]]);
  fdt.propCells('interrupts-extended', [INTC_PHANDLE, IRQ_S_EXT, INTC_PHANDLE, IRQ_M_EXT]);
  fdt.propU32('phandle', PLIC_PHANDLE);
  fdt.endNode();

  fdt.beginNodeAt('htif', HTIF_START);
  fdt.propString('compatible', 'ucb,htif0').propReg64('reg', [[HTIF_START, HTIF_LENGTH]]);
  fdt.propCells('interrupts-extended', [INTC_PHANDLE, IRQ_HTIF]);
  fdt.endNode();

  fdt.endNode();
}

/** The tree holds every range's length: lengths taken from files must be filled in first. */
function requireLengths(config: MachineConfig): void {
  const check = (kind: string, ranges: MachineConfig['flash_drive']): void =>
    ranges.forEach((range, i) => {
      if (range.length === undefined) {
        throw new CartiError('length-unknown', 'machine config', `${kind}[${i}].length`,
          'the length must be known (set it to the backing file size) before building the device tree');
      }
    });
  check('flash_drive', config.flash_drive);
  check('nvram', config.nvram);
}
