// Decoding a 100,000-entry listfolder reply (≈35 MB): Foundation's JSONDecoder vs the client's
// MetadataScanner. Run with Benchmarks/decode-listing.sh (release build).
import Foundation

struct Listing: Decodable { let metadata: Metadata }

var s = "{\n\t\"result\": 0,\n\t\"metadata\": {\"path\":\"\\/\",\"name\":\"\\/\",\"created\":1700000000,\"modified\":1700000000,\"ismine\":true,\"thumb\":false,\"id\":\"d0\",\"isshared\":false,\"icon\":\"folder\",\"isfolder\":true,\"folderid\":0,\"contents\":[\n"
for i in 0..<100_000 {
    if i > 0 { s += ",\n" }
    s += "\t\t{\"name\":\"file-\(i)-with-a-longer-name.jpg\",\"created\":1700000\(String(format: "%03d", i % 1000)),\"thumb\":true,\"modified\":1700000123,\"isfolder\":false,\"fileid\":\(5257731387 + i),\"hash\":\(17869736033964340520 - UInt64(i)),\"comments\":0,\"category\":1,\"id\":\"f\(5257731387 + i)\",\"isshared\":false,\"ismine\":true,\"size\":\(10485760 + i),\"parentfolderid\":1075398908,\"contenttype\":\"image\\/jpeg\",\"icon\":\"image\",\"width\":900,\"height\":600}"
}
s += "]}}"
let data = Data(s.utf8)

func best(_ runs: Int, _ body: () throws -> Int) rethrows -> (Double, Int) {
    var t = Double.infinity, n = 0
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        n = try body()
        t = min(t, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return (t, n)
}

let (slow, n1) = try best(3) { try JSONDecoder().decode(Listing.self, from: data).metadata.contents!.count }
let (fast, n2) = try best(5) { try MetadataScanner.reply(data).metadata!.contents!.count }
let a = try JSONDecoder().decode(Listing.self, from: data).metadata
let b = try MetadataScanner.reply(data).metadata!
precondition(n1 == 100_000 && n2 == 100_000 && a == b, "decoders disagree")
print(String(format: "listing: %.1f MB, 100,000 entries", Double(data.count) / 1e6))
print(String(format: "JSONDecoder      %.3f s", slow))
print(String(format: "MetadataScanner  %.3f s  (%.1fx faster)", fast, slow / fast))
