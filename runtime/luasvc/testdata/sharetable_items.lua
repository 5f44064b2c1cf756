return { sword = { price = 10 }, shield = { price = 7 } }
