import { addressKey } from './login-throttle';

describe('the per-address login limit counts an address as (docs/security.md, "Login abuse limits")', () => {
  it('an IPv4 address itself, however it arrives', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('an IPv6 address by its /64: a fresh address from the same block is no fresh allowance', () => {
    const key = addressKey('2001:db8:1:2:aaaa::1');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe(key);
    expect(addressKey('2001:db8:1:3::1')).not.toBe(key);
  });

  it('anything else as it is', () => {
    expect(addressKey('unknown')).toBe('unknown');
  });
});
