// Protocol numbers by name: IP protocols (IANA, as /etc/protocols spells them) and common EtherTypes.

export const IP_PROTOCOLS: Readonly<Record<number, string>> = {
  0: 'ip',
  1: 'icmp',
  2: 'igmp',
  4: 'ipip',
  6: 'tcp',
  8: 'egp',
  17: 'udp',
  27: 'rdp',
  33: 'dccp',
  41: 'ipv6',
  43: 'ipv6-route',
  44: 'ipv6-frag',
  46: 'rsvp',
  47: 'gre',
  50: 'esp',
  51: 'ah',
  58: 'icmpv6',
  59: 'ipv6-nonxt',
  60: 'ipv6-opts',
  89: 'ospf',
  103: 'pim',
  108: 'ipcomp',
  112: 'vrrp',
  115: 'l2tp',
  132: 'sctp',
  136: 'udplite',
  137: 'mpls-in-ip',
  143: 'ethernet',
  255: 'raw',
  262: 'mptcp',
};

export const ETHERTYPES: Readonly<Record<number, string>> = {
  0x0800: 'ipv4',
  0x0806: 'arp',
  0x86dd: 'ipv6',
  0x8100: 'vlan',
  0x88a8: 'qinq',
  0x8847: 'mpls',
  0x8848: 'mpls-mc',
  0x8863: 'pppoe-disc',
  0x8864: 'pppoe',
  0x88cc: 'lldp',
  0x8906: 'fcoe',
};

const byName = (table: Readonly<Record<number, string>>): Map<string, number> =>
  new Map(Object.entries(table).map(([n, name]) => [name, Number(n)]));
const IP_BY_NAME = byName(IP_PROTOCOLS);
const ETHER_BY_NAME = byName(ETHERTYPES);
IP_BY_NAME.set('ipv6-icmp', 58);
IP_BY_NAME.set('icmp6', 58);

/** The number of an IP protocol name ("tcp" -> 6); undefined for an unknown name. */
export const ipProtocolNumber = (name: string): number | undefined => IP_BY_NAME.get(name.toLowerCase());
export const etherTypeNumber = (name: string): number | undefined => ETHER_BY_NAME.get(name.toLowerCase());
