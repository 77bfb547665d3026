// SPDX-License-Identifier: MIT OR Apache-2.0
//! Same-key siblings: addresses on other chains that one key controls.
//!
//! - Tron and EVM both take the last 20 bytes of Keccak-256 of the secp256k1 public key; Tron
//!   puts `0x41` in front. So `0xabc…` on Ethereum and the Tron address of the same 20 bytes
//!   belong to whoever holds that one key.
//! - Bitcoin, Litecoin, Dogecoin, Dash, Zcash (transparent) and Bitcoin Cash P2PKH addresses,
//!   and Bitcoin and Litecoin P2WPKH addresses, pay to HASH160 of a public key. One 20-byte
//!   hash on several of them is, in practice, one key.
//!
//! A sibling of a listed address is *related*, not listed: the list's publisher said nothing
//! about it, but whoever controls the listed wallet very likely controls this one too.

use core::fmt;

use serde::{Serialize, Serializer};

use crate::address::{Address, Chain, Detail, Kind};
use crate::chains::bitcoin::script;
use crate::small_bytes::SmallBytes;

/// Tron's address version byte.
const TRON_VERSION: u8 = 0x41;

/// Chains whose P2PKH addresses pay to HASH160 of a public key (testnets left out: their
/// coins have no value and nobody lists them).
const P2PKH_CHAINS: [Chain; 6] = [
    Chain::Bitcoin,
    Chain::Litecoin,
    Chain::Dogecoin,
    Chain::Dash,
    Chain::Zcash,
    Chain::BitcoinCash,
];

/// Chains with segwit v0 key-hash (P2WPKH) addresses.
const P2WPKH_CHAINS: [Chain; 2] = [Chain::Bitcoin, Chain::Litecoin];

/// An address on another chain controlled by the same key (or public key hash).
///
/// `Copy` and allocation-free; [`Related::to_address`] builds the address to show.
/// Serialises as `{"chain", "address", "message"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Related {
    chain: Chain,
    kind: Kind,
    hash: [u8; 20],
}

impl Related {
    /// The chain of the sibling.
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// The sibling address.
    pub fn to_address(&self) -> Address {
        let bytes = match (self.chain, self.kind) {
            (Chain::Evm, _) => SmallBytes::from(&self.hash),
            (Chain::Tron, _) => SmallBytes::from_parts(&[&[TRON_VERSION], &self.hash]),
            (_, Kind::P2wpkh) => SmallBytes::from_parts(&[&[0x00, 0x14], &self.hash]),
            (_, kind) => script(kind, &self.hash),
        };
        Address::new(self.chain, self.kind, bytes, Detail::None)
    }

    /// What it means, for people, when the sibling is listed.
    pub fn message(&self) -> String {
        let address = self.to_address();
        match self.chain {
            Chain::Evm | Chain::Tron => format!(
                "controlled by the same key as a listed {} wallet ({address}): this address is not itself on the list, but whoever holds that wallet holds this one",
                self.chain.name()
            ),
            _ => format!(
                "made from the same public key hash as a listed {} address ({address}): this address is not itself on the list, but the same key very likely controls it",
                self.chain.name()
            ),
        }
    }
}

impl fmt::Display for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.chain, self.to_address())
    }
}

impl Serialize for Related {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("Related", 3)?;
        st.serialize_field("chain", self.chain.id())?;
        st.serialize_field("address", &self.to_address().to_string())?;
        st.serialize_field("message", &self.message())?;
        st.end()
    }
}

/// Addresses on other chains that the key (or key hash) behind `address` also controls.
///
/// Empty for chains and kinds with no meaningful sibling (script hashes, Solana, ...).
///
/// # Examples
/// ```
/// use wallet_risk::{same_key_siblings, Chain};
/// let evm: wallet_risk::Address = "0x722122dF12D4e14e13Ac3b6895a86e84145b6967".parse().unwrap();
/// let siblings = same_key_siblings(&evm);
/// assert_eq!(siblings.len(), 1);
/// assert_eq!(siblings[0].chain(), Chain::Tron);
/// assert_eq!(siblings[0].to_address().as_bytes()[1..], *evm.as_bytes());
/// ```
pub fn same_key_siblings(address: &Address) -> Vec<Related> {
    let bytes = address.as_bytes();
    let related = |chain, kind, hash: &[u8]| {
        let hash: [u8; 20] = hash.try_into().ok()?;
        Some(Related { chain, kind, hash })
    };
    match (address.chain(), address.kind()) {
        (Chain::Evm, _) => related(Chain::Tron, Kind::Account, bytes)
            .into_iter()
            .collect(),
        (Chain::Tron, _) => match bytes {
            [TRON_VERSION, account @ ..] => related(Chain::Evm, Kind::Account, account)
                .into_iter()
                .collect(),
            _ => Vec::new(),
        },
        // A test-network address holds nothing of value, and mainnet wallets are not its
        // siblings in any sense a warning should claim: no siblings.
        (own, _) if own.is_testnet() => Vec::new(),
        (own, own_kind @ (Kind::P2pkh | Kind::P2wpkh)) => {
            let hash = match own_kind {
                Kind::P2pkh => crate::chains::bitcoin::script_hash(Kind::P2pkh, bytes),
                _ => bytes.strip_prefix(&[0x00, 0x14][..]),
            };
            let Some(hash) = hash.filter(|h| h.len() == 20) else {
                return Vec::new();
            };
            let p2pkh = P2PKH_CHAINS.iter().map(|&c| (c, Kind::P2pkh));
            let p2wpkh = P2WPKH_CHAINS.iter().map(|&c| (c, Kind::P2wpkh));
            p2pkh
                .chain(p2wpkh)
                .filter(|&(c, k)| (c, k) != (own, own_kind))
                .filter_map(|(c, k)| related(c, k, hash))
                .collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn testnet_addresses_have_no_siblings() {
        for text in [
            "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx",
            "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn",
        ] {
            let parsed = parse(text).unwrap();
            assert!(same_key_siblings(parsed.primary()).is_empty(), "{text}");
        }
    }

    #[test]
    fn tron_and_evm_are_siblings_both_ways() {
        let tron = parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC").unwrap();
        let tron = tron.primary();
        let evm = same_key_siblings(tron)[0].to_address();
        assert_eq!(evm.chain(), Chain::Evm);
        let back = same_key_siblings(&evm)[0].to_address();
        assert_eq!(&back, tron);
        assert_eq!(back.to_string(), "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC");
    }

    #[test]
    fn p2pkh_has_siblings_on_every_bitcoin_like_chain_and_round_trips() {
        let btc = parse("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2").unwrap();
        let siblings = same_key_siblings(btc.primary());
        let chains: Vec<Chain> = siblings.iter().map(Related::chain).collect();
        assert!(chains.contains(&Chain::Litecoin) && chains.contains(&Chain::Dogecoin));
        for s in &siblings {
            let text = s.to_address().to_string();
            let again = parse(&text).unwrap();
            assert!(
                again.addresses().contains(&s.to_address()),
                "{text} does not parse back to {s}"
            );
        }
    }

    #[test]
    fn script_hashes_have_no_siblings() {
        let p2sh = parse("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy").unwrap();
        assert!(same_key_siblings(p2sh.primary()).is_empty());
    }
}
