/**
 * The fixed 4096-byte `/chosen/rng-seed` table of cartesi-machine v0.21 (`src/rng-seed.hpp`,
 * cartesi-machine.md §12.2). Decoded from the 1024 cells of the reference tree
 * (`fixtures/reference-v0.21.dts`); its SHA-256 is checked in rng-seed.test.ts.
 */
const RNG_SEED_BASE64 =
  'ktgbtJZwxXeak4oz1TH/RZFWNpsWuDXwaqzXw+/q6ZlBTVrLx/SAedj7QinlYVykHwlEaHwh6Xwv010wbz5F2Gy5PV4EhuKuH8gL' +
  '0k6HADqq1nS5e19Qx61h/3FpDooyWY/Ow06Wn7vlhbB91z9ECVabgxuJ/lj2M/aRrT4nx/joCG3bjljKYP+S3N0h8ivlQyEJcY73' +
  'R4H3DAPTkIs/jgFaY1oGT5lCJi/1DGnEq2sRsD3yP4A3Gjka3iW26FMSS4dhiW78CUBCjhf9N9IB8clo0Urv4Wk2XjKN0nqjpm43' +
  'vhzqsTSinaAwT/0K6cqoQV8bq6mFUlFkNJt3WOks/MdCxJWK25LuGtiLgEeIgpdKgk/nmIduML/iDFR5ZgJyV5lj+13Fuu5ferF1' +
  'R4NsIcqdu5bOX4OVT0OMQNwMsFJc1rvbnV5eZBD0O05FSds/xjF0/GamDLbgQaIY1EGCRfUHFZy1W11/Ro4JCFrJwMQWk8sZXaie' +
  'WgOAqFJlFUw+atuRu+Nt77WvoQXfkhVzs6s4qLF5BZ1vp/zgDGd8xOXAIXYfmPr5uIHfo8P7PaoQxisoJPjEV7kUS92VW+sCqy3H' +
  'hYGM4wYLB6LmEIjYv1CUzAvDgu7M69eGxyM5AgDvjSh+ibNOHZHErzdvSCz1aJmFUQqUgR6ZkEk1t/lZAjAnohFGFyEwyjX7hX42' +
  'ozIptIbHm9k/Rn3XNjKwVVWKyDCzDrqynyb1co3I+HiNu9c5ZB3gIUaO45rNs8HLGuLCqme2J6u9IqA9c1AOgmx7S4GnebCB1FFd' +
  'Ck6+rHyenQYh4cU4Jih+0pYpzYwfU8GA4Ly1+pnPWlLRWp0Qt0/wqAlwdzKolNksxcDTjM4r9qaSAURtnMgJCmgca/6MiAVjvxu8' +
  'NsgPFtRgNNNm8nq3YqsyKla1h19gwV2CuUZ/JB/CfYHGK9eIZ1zmOCEtecCjniW0XWzbM5nCEu9ZXWsjmvdr1yWXYV5wVlmueuXQ' +
  'DtBh3jSlRYzYb+bPSmQDAL0f8yqBZTyxYqzNiN+foWtGjJPxwUaZXXAyuzkeqf2W6cwVBYXpBT27ZWHlAFBBEveVRofDutF4V+nt' +
  'PQ4Q8sWeA8ByeQocygnfU0Wd6JbIvHiV2HxQ4VfE2MwcenU3bwLHP+NbhTDqkklrjVZxhSFTuV26c7jg/tbHhUdtU/OQvvVTcKsQ' +
  '6C8Suuq4C19h6qWetNt32CpebkXobvloBFRZf3pzFf6lNmHIIBhu6XcnUNGAJz/loxAlG1EiHpttqvHULtloHHcGht476H48/wzC' +
  'zkFyougJVsXD2K0FVyI0s8aLFkj4UAgdJm4FL34HzbmpoozZaNotEOaIej4NM/a/ZRSXd2pLyPQjYHlnr2e7DoWe3wc5UoR9LcC5' +
  'dNz8lKPDxQCqtGno9HLocwL4kGvlSPK0zrh7+/+bvzTV/JDjlk0ltpDflM/PtFuNDqX+xrcQ6Hq71+9u9dv4Fksz6sVo3lnvL2bz' +
  'p/MXptXy7CAITLRcrCKp8iMQm4P6MEMO08s0n1opGIOjxumv7uaTG2dqXGFajQLIlGYbxAuGKcu+yWQBlKbcmatIsQ/ORCMQc37S' +
  '2cps9baRIOCwN1oByyQ6s60vkOfpdNDszAtsbd1wplKq4x5MUDM2DW8cfuVS6zvJF2fws89V4lLX0cb3zEqsS6SDgWPRNPho7pDJ' +
  'wk1VX275Q2f/eYWDm14g2z5PUz8GM9ghUFMCoTpLJ2Qv5OUo+Lv6+4mclbqjBvDwtChge2dCTAwMc9C2DqntuvswBQTolW2cLCJl' +
  'WNlASw0PEMdjJW9IXs3yiTP/YT6m78GoL1hL183pBZ6OBfWMNDfHwa0IbIujbLvSrYybbcl7h8UcFBVioSEvsNELfWZYscmnbWY6' +
  'BkQr/fjAVUVycmepd4F5MvM4pJhnEZHAL1W0e6hw3USTEGbeGLZKAf4/bgqeXiwVNwzHjkPCYOalJxujrLo2UP8i9na9H47wEGTo' +
  'rbpBvUMeFv4i5gF8ALKokiqniT//amU+iye46bJ+HolRjzUgnJl0E7SXoG/A69w/g8WfIJX1qTJ0GgcLi5KAb+6haKF855ixfUBT' +
  'cofQE6B7sidnkAP7bJPdRYyesI0k1lXxd6Kruu7WX1Svkp+4hDbHj4xTaTtWswLqMlDd2v89qQvNKSNQU8FE+4AAdVGe94yHWxk3' +
  'h+yEmDm2CVw2n9iTabyBL7pZD5SyuuDd7EBKqfwp4NupZxfAOziJ3BabRmMPcq/8QElcsqE3TC+TcJcotLL6s9+nDX9UCnsbAHLS' +
  'PgvhecKKm/aR2A4RNqxohNXiZSIe/cr0IhFUw98eKJIfzj4ovQq/BrOchgurNPG6sZ0aK2tz4KdOqvhCM4JnO0gjBeTJve8Vku7T' +
  'AyKEAKHRatGGpw8JQJVcnxLi5FpmOi3GkdBiMl+Hix6ngZE/J4mKzl94dH6RdbOc0atuQoCYtal5jeLG6D3k0lkc9a4xyF5bTn/w' +
  'eW9IxU1aDYhcO2qsPEp6+zv+r7ouJjW0V4JXRoaMD0WpHBvbJMinbnbDW8hd6j7b27vlXeRXrbTuW8W2DeEt51zQNB4aYpgCrMyO' +
  'xjvx9RFTntcRhEEzUPsFWtPHY07Vwvn6ycyGsDe5zFAFf0c4s+6AAybi6RWm2W7rlnBbf6ieBozp5fyiWoDyw3SUrIEWZesRgtir' +
  '9JjRyFL0wAGPLmUPPyyOm0ITeAB6fqOjeFQavQukhBj/sID8gc4ZVD7L0IfErUEDXJdl8T7KQjYqOw/8/u5ymGA9ZIkEYA5qEqje' +
  'e2NW88CQhfHWCQxxwcdKYB6uzkp42rGo7SWKWhkiVr0mdZoqmQQCDLEmHfyskQyHpXq2bTdH1Z8xWESw+g3+EX31AnG0ePMBJSQG' +
  'LQ8VwU4Um5MGk4uxcUQmnD7aMdM0gkWFsGMbtTV4Ydt6s/Mm3nGXAeZDkn/S7O85DG061cTBiZzWhsRVWSPibuyiVyg9itFiDITL' +
  '7A+DInjIJPXJCqVrF9AtRPpsqsYgDV0QWt59OLPR/O7Kq/qxiRuN7b60j+o804iQCZbwvVY4HMW2/4GfvyzyWhDuYQvVSGCwEr56' +
  'EK0LTIUJtCtb+xTL5RFg02BfgNahpk4Hbez35ilG9ltuZgD5g9LLeBm5tyx956Rw+myx/GE6j2InrmxnI4Esa6LOHQyUCAaK5O9H' +
  'LvX6dMsvIyQf0cufJ2q0fJWAUwZiwcIL2B3Or5eM7Av0q39Nss6chU3F+yn25oaauvKaizGUDqZu6YnOZg1HLa8XGjdPwHNVk4DQ' +
  'Ti89txDfwQX9opza3Hsm2R+z/9FIbMqc7EBQuYagBjSvXd5EIbVzOF//34XlT68oEEo5RyqaExkhAUkyGz7aBBxmI7JyuaVGpVIr' +
  'rvbsFNGl/WkksVXiCjJYrC2SXoACAI2TFTLWn7VSgddoX86rgY88NdAQuaOPfzN09fIEjeisH+q9JFLftMnAqvM77qZgWCHsIVeY' +
  'itiUjB8NvQDXK0MuVzlKdfZKMEvu0ymhFgyq7EMa0OwOm9GVaB+ukQH2/W7Jm/xyCsr1pSiuRtjeXH89vtOW5wn+8648zljW6UOG' +
  '/g6VyljiBFZAV+vMnTr/5Maxr3pcOugrX/p0TDuVO2CusCvFolmJpBrqahWLRpG2q+qYgUmafRGufWf+lXtw1c1rVjuATqbAO52s' +
  'lx6rNiiyOcoGE+lulbf0l1Q3k0csOyNkYkH8q/6dcB7gCWWjyB2GCDVjPbuuRI+dl8xVM5JQRvCyNEXDCDmSxKvDGTWlEMGQn+3P' +
  't2Th166izbT3DIE5tsTwNhcSe2mtqsgZDaAuQZgkcoKYplEBcpvctmvYBhCINFy6MKzIPaqtvCRNGQMqbjs89SmSCEeAC227HH8I' +
  '0YTgXAbFjpkg/XvICRVReOY2xSW5RKJt1Lz+Q8QDKuImKKGJ19ZVSR1uAjBFFX4OE33+K2sf4G39lISy68IRQwGagzgUBCaIDhV6' +
  'z9p9LekTyGn86Of69AYrgjI7dD24Es2p2znBtdPHMUz1O1rDwkhMwinEcSmH9gOD6Tik+aQ9GlkfryZEwPmcgxIWT7SSx6mM4hZ/' +
  'RT793w3VbGi5IGjtktZdGEP/WXjuZUfp0I+wsWUAtEJcUv/1zROrxc4bSMFoamFFsPbdGhpLkjHlTPE32tSWYHUy7PQk370DKnsQ' +
  'Wf/ICB90zuu9XC3nDlY0Wz7twpeArIx3YI4pVz0ArP8MlAcdFFIQFlYnjwQBQjZxavpmHRxyNOIQtd9iTYaof5mLZ8apu4D5eLz4' +
  '/hiLoo78WAAZJFBFp4rK6TAfH4piKaIFF0wBop0DKn8wOZbGlVXp3TDkHsChLtZtEYYaylGoH65mRwVqk1GCIUjYPhuNJm6c0l4I' +
  '7vlDH+Iq4ZaZ0u+byc8vpdxbGC/d5Nlj6HaaoAa6rnii8keymEHZB02B0ChW4bxJbvbT4ybadwbxU2+i9UC3MaZ+nf9ZwGoLEmHB' +
  '2e9cLvR/YtPTRPqtWfNBGfxhrJULkkyJCNMbowNEoRnZPIGCt3lCyl1fvLUbMWFCIJgq/Hg8qAZXGICsKAvVrVVxckIEQi/HvqN9' +
  'oNGhXQBKqgoZfFqdvTJSpqGmqA0cAMYza6oh8k1ns25ND3fyVd1JPQ4Z8cCV2M3VHynDTr4t3sAeVnhuKGRrX2DWjuEqOdrIP43O' +
  'OOLn0V0efVwfkpIUDAkwmct4Ky3pWvzFLxcxroJpX3qnSTu80UNxbG0TptJK+vc+FWusBf8DyPGQZRxinvSa5CfNUXc22CLBug7Y' +
  'I8PNofWVbBoNeEHIUITdWEjUrzkpg3XwocdYXfxe+iMxiUueQ12b+fViJTgIhaBLm/Ke2i5ThERVGgnSy/6A3skgwQwLgr9Rkpke' +
  'pikzzG/a/2mqF9R9u5A3PGJVEI/wLAbkUxR+v7UXLX3JSLYB3pbIOz0cUbQUFDprAaG+1Nr5CH90WKIlAOZDgjEHzNpjrwt6qDht' +
  'Fu99MqFsqb697ElxxD3XsChbcXXuIh1QMasB6NnbEEOcUSGy4m6ND1RbACCOLR9MEHjj+zhb4m56oemKQZrabTf3kOowtG38cqzQ' +
  'RehmdsAjPEOI888oXCF712cfpX5LRFOaNcEkCCoky7L8yyLL0ZQh2XF5Umu8G6T7ocmz2CBZ48OM690X3PiomjnKUFzgJfbYa7pG' +
  'Gz3g2LwjyINjxcESWTApA4bPu4jFFhATilsudh9L4Hetg4Em4JXmmxupzhueTadmfnm9ptRY5efWFfI+JrUGuOF2eCXz4nCMJqtw' +
  'Bqqii51E8PNOdFb8g+yDL9EHtTsBGLwo4MlEJaHb1YtXeiV7qsHT+LaHbrTcRe6EfDQ4sMJD1HyJzOOFgvGv6QTH411jmEPmpDPc' +
  '9oBG9F6ZIlttnFYl5Caxgp7r7kieIKvyi8PfReA/LNnPAjprPGRo/1x1Ccwscg==';

export const RNG_SEED_LENGTH = 4096;
export const RNG_SEED_SHA256 = '9c45087f2a0d53c0a796695d4934a604d67031a3c7876d93d2dd18eda6b9fee1';

/** A fresh copy of the table (callers may not mutate a shared buffer). */
export function rngSeed(): Uint8Array {
  const binary = atob(RNG_SEED_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
